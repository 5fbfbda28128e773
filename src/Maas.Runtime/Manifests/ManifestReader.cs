using System.Text.Json;
using Maas.Errors;
using Maas.Models;
using Maas.Runtime.Scheduling;
using Maas.Runtime.Tasks;

namespace Maas.Runtime.Manifests;

/// <summary>
/// Reads a model folder into its <see cref="ModelManifest"/>: every key of <c>maas.json</c> (validated, unknown ones
/// reported as warnings), the <c>config.json</c> and sentence-transformers facts the serving layers use, which
/// companion files exist, and the ONNX file served (by <see cref="ModelFileLocator"/>, the one rule). Called once at
/// push, and at load only for versions stored before manifests were.
/// </summary>
public static class ManifestReader
{
    private const string Maas = "maas.json";
    private const string Config = "config.json";
    private const string PoolingFile = "1_Pooling/config.json";

    /// <summary>The keys maas.json may have; anything else is accepted with a warning.</summary>
    public static IReadOnlyList<string> KnownKeys { get; } =
    [
        "task", "model_file", "labels", "problem_type", "pooling", "normalize", "max_length", "pad_to_multiple_of",
        "max_batch_size", "max_queue_delay_ms", "max_queue_size", "instances", "llm", "onnx",
    ];

    private static readonly string[] BatchingKeys = ["max_batch_size", "max_queue_delay_ms", "max_queue_size", "instances"];

    /// <summary>
    /// Reads the folder (or describes a single file). The task is the declared one; <see cref="ForVersion"/> and
    /// the publisher complete it with <see cref="TaskDetector"/> once the signature is known. Without
    /// <paramref name="locateModelFile"/> the model file is left at its default (for readers of settings alone).
    /// </summary>
    public static ModelManifest Read(string path, bool locateModelFile = true)
    {
        if (!Directory.Exists(path))
        {
            return new ModelManifest();
        }

        using var maasDocument = ManifestJson.Read(path, Maas);
        using var configDocument = ManifestJson.Read(path, Config);
        var maas = maasDocument?.RootElement;
        if (maas is { } root && root.ValueKind != JsonValueKind.Object)
        {
            throw MaasException.InvalidModel($"{Maas} must be a JSON object");
        }

        var config = configDocument?.RootElement is { ValueKind: JsonValueKind.Object } c ? c : (JsonElement?)null;
        var declared = DeclaredTask(maas);
        var labels = LabelReader.Read(maas, Maas) ?? LabelReader.Read(config, Config);
        return new ModelManifest
        {
            Task = declared ?? TaskNames.Tensor,
            DeclaredTask = declared,
            ModelFile = ModelFile(path, maas, locateModelFile),
            Labels = labels,
            HasLabels = ManifestJson.Get(maas, "labels") is not null || ManifestJson.Get(config, "id2label") is not null,
            ProblemType = ManifestJson.String(maas, "problem_type", Maas) ?? ManifestJson.LenientString(config, "problem_type"),
            Pooling = Pooling(path, maas),
            Normalize = ManifestJson.Bool(maas, "normalize", Maas) ?? SentenceTransformersNormalize(path),
            MaxLength = ManifestJson.Int(maas, "max_length", Maas, 1, 1 << 20),
            MaxPositionEmbeddings = ManifestJson.Int(config, "max_position_embeddings", Config, 1, int.MaxValue),
            PadToMultipleOf = ManifestJson.Int(maas, "pad_to_multiple_of", Maas, 1, 4096),
            Batching = Batching(maas),
            Onnx = OnnxSettingsReader.Read(ManifestJson.Get(maas, "onnx"), Maas, out var onnxWarnings),
            Llm = Llm(maas),
            Architectures = Architectures(config),
            Files = [.. ModelManifest.KnownFiles.Where(f => File.Exists(Path.Combine(path, f)))],
            Warnings = [.. UnknownKeys(maas), .. onnxWarnings],
        };
    }

    /// <summary>
    /// The manifest of a committed version: the stored one, or for a version pushed before manifests were stored,
    /// the folder read now with the task and model file the version was committed with.
    /// </summary>
    public static ModelManifest ForVersion(Storage.ModelVersionRecord version, string path) =>
        version.Manifest ?? Read(path) with { Task = version.Task, ModelFile = version.ModelFile };

    private static string ModelFile(string folder, JsonElement? maas, bool locate)
    {
        var declared = ManifestJson.String(maas, "model_file", Maas);
        return locate ? ModelFileLocator.LocateInFolder(folder, declared).RelativePath : declared ?? new ModelManifest().ModelFile;
    }

    private static string? DeclaredTask(JsonElement? maas)
    {
        if (ManifestJson.Get(maas, "task") is not { } declared)
        {
            return null;
        }

        var task = declared.ValueKind == JsonValueKind.String ? declared.GetString()! : "";
        return TaskNames.All.Contains(task)
            ? task
            : throw MaasException.InvalidModel($"{Maas}: task '{task}' is not one of {string.Join(", ", TaskNames.All)}");
    }

    private static string? Pooling(string folder, JsonElement? maas)
    {
        if (ManifestJson.String(maas, "pooling", Maas) is { } declared)
        {
            return declared is "mean" or "cls"
                ? declared
                : throw MaasException.InvalidModel($"{Maas}: pooling '{declared}' is not one of mean, cls");
        }

        // sentence-transformers writes its pooling layer's settings here.
        using var pooling = ManifestJson.Read(folder, PoolingFile);
        return pooling is null ? null
            : ManifestJson.Bool(pooling.RootElement, "pooling_mode_cls_token", PoolingFile) == true ? "cls" : "mean";
    }

    private static bool? SentenceTransformersNormalize(string folder)
    {
        var modules = Path.Combine(folder, "modules.json");
        return File.Exists(modules)
            ? File.ReadAllText(modules).Contains("sentence_transformers.models.Normalize", StringComparison.Ordinal)
            : null;
    }

    private static Dictionary<string, long>? Batching(JsonElement? maas)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var key in BatchingKeys)
        {
            if (ManifestJson.Get(maas, key) is { } value)
            {
                // A value of the wrong kind is kept as is so the range check below names the key.
                values[key] = value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : value.ToString();
            }
        }

        if (values.Count == 0)
        {
            return null;
        }

        try
        {
            ModelFolderConfig.Apply(new BatchingOptions(), values, Maas);
        }
        catch (MaasException ex) when (ex.Kind == ErrorKind.InvalidInput)
        {
            throw MaasException.InvalidModel(ex.Message);
        }

        return values.ToDictionary(v => v.Key, v => (long)v.Value, StringComparer.Ordinal);
    }

    private static JsonElement? Llm(JsonElement? maas) => ManifestJson.Get(maas, "llm") switch
    {
        null => null,
        { ValueKind: JsonValueKind.Object } llm => llm.Clone(),
        _ => throw MaasException.InvalidModel($"{Maas}: 'llm' must be an object of engine settings"),
    };

    private static string[] Architectures(JsonElement? config) =>
        ManifestJson.Get(config, "architectures") is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!).ToArray()
            : [];

    private static IEnumerable<string> UnknownKeys(JsonElement? maas) =>
        maas is { ValueKind: JsonValueKind.Object } root
            ? root.EnumerateObject()
                .Where(p => !KnownKeys.Contains(p.Name, StringComparer.Ordinal))
                .Select(p => $"{Maas}: unknown key '{p.Name}' is ignored (known keys: {string.Join(", ", KnownKeys)})")
                .ToList()
            : [];
}
