using System.Globalization;
using System.Text.Json;
using Maas.Errors;
using Maas.Pipelines.Embeddings;

namespace Maas.Pipelines.Configuration;

/// <summary>
/// What a pipeline reads from a model folder: labels and problem type from <c>config.json</c>, pooling from
/// sentence-transformers' <c>1_Pooling/config.json</c> and <c>modules.json</c>, and <c>maas.json</c> over all of them
/// (<c>labels</c>, <c>problem_type</c>, <c>pooling</c>, <c>normalize</c>, <c>max_length</c>, <c>pad_to_multiple_of</c>).
/// </summary>
internal sealed record PipelineSettings
{
    private const string Maas = "maas.json";
    private const string Config = "config.json";

    /// <summary>Label names by class index; null when the folder names none.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Sigmoid per label (independent labels) instead of softmax across them.</summary>
    public bool MultiLabel { get; init; }

    public PoolingMode Pooling { get; init; } = PoolingMode.Mean;

    public bool Normalize { get; init; } = true;

    /// <summary><c>max_position_embeddings</c> of config.json or <c>max_length</c> of maas.json, whichever is smaller.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Sequence lengths are rounded up to this so concurrent requests share shapes (and batches).</summary>
    public int PadToMultipleOf { get; init; } = 8;

    public static PipelineSettings Read(string folder)
    {
        using var maasDocument = FolderJson.Read(folder, Maas);
        using var configDocument = FolderJson.Read(folder, Config);
        var maas = maasDocument?.RootElement;
        var config = configDocument?.RootElement;

        var problemType = FolderJson.String(maas, "problem_type") ?? FolderJson.String(config, "problem_type");
        var labels = ReadLabels(maas, Maas) ?? ReadLabels(config, Config);
        var maxPositions = FolderJson.Int(config, "max_position_embeddings", Config, 1, int.MaxValue);
        var maxLength = FolderJson.Int(maas, "max_length", Maas, 1, 1 << 20);
        return new PipelineSettings
        {
            Labels = labels,
            MultiLabel = problemType == "multi_label_classification" || labels is { Length: 1 },
            Pooling = ReadPooling(folder, maas),
            Normalize = FolderJson.Bool(maas, "normalize", Maas) ?? ReadSentenceTransformersNormalize(folder) ?? true,
            MaxLength = (maxPositions, maxLength) switch
            {
                ({ } a, { } b) => Math.Min(a, b),
                _ => maxPositions ?? maxLength,
            },
            PadToMultipleOf = FolderJson.Int(maas, "pad_to_multiple_of", Maas, 1, 4096) ?? 8,
        };
    }

    /// <summary><c>labels</c> as an array of names, or <c>id2label</c>/<c>labels</c> as an object of index → name.</summary>
    private static string[]? ReadLabels(JsonElement? root, string file)
    {
        if (root is not { } r)
        {
            return null;
        }

        if (r.TryGetProperty("labels", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            return list.EnumerateArray().Select((l, i) => l.ValueKind == JsonValueKind.String
                ? l.GetString()!
                : throw MaasException.InvalidModel($"{file}: labels[{i}] must be a string")).ToArray();
        }

        var map = r.TryGetProperty("id2label", out var id2Label) ? id2Label
            : r.TryGetProperty("labels", out var labels) ? labels
            : default;
        if (map.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var byIndex = new SortedDictionary<int, string>();
        foreach (var property in map.EnumerateObject())
        {
            if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || property.Value.ValueKind != JsonValueKind.String || index >= 1 << 20)
            {
                throw MaasException.InvalidModel($"{file}: id2label must map class indices (\"0\", \"1\", ...) to names");
            }

            byIndex[index] = property.Value.GetString()!;
        }

        var result = new string[byIndex.Count == 0 ? 0 : byIndex.Keys.Max() + 1];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = byIndex.TryGetValue(i, out var name) ? name : $"LABEL_{i}";
        }

        return result;
    }

    private static PoolingMode ReadPooling(string folder, JsonElement? maas)
    {
        if (FolderJson.String(maas, "pooling") is { } declared)
        {
            return declared switch
            {
                "mean" => PoolingMode.Mean,
                "cls" => PoolingMode.Cls,
                _ => throw MaasException.InvalidModel($"{Maas}: pooling '{declared}' is not one of mean, cls"),
            };
        }

        // sentence-transformers writes its pooling layer's settings here.
        const string file = "1_Pooling/config.json";
        using var pooling = FolderJson.Read(folder, file);
        return FolderJson.Bool(pooling?.RootElement, "pooling_mode_cls_token", file) == true ? PoolingMode.Cls : PoolingMode.Mean;
    }

    private static bool? ReadSentenceTransformersNormalize(string folder)
    {
        var modules = Path.Combine(folder, "modules.json");
        return File.Exists(modules)
            ? File.ReadAllText(modules).Contains("sentence_transformers.models.Normalize", StringComparison.Ordinal)
            : null;
    }
}
