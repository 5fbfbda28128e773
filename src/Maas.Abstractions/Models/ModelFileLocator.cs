using System.Text.Json;
using Maas.Errors;

namespace Maas.Models;

/// <summary>
/// The model file chosen for a load: its full path, its name relative to the load path, and the folder it was
/// found in (the load folder, or the file's own folder when a file was given).
/// </summary>
public sealed record ModelFileLocation(string FullPath, string RelativePath, string Folder);

/// <summary>
/// The one rule for which ONNX file a model folder serves, shared by the tensor backend, the LLM engine and the
/// manifest reader so they cannot disagree. First match wins: an explicit file (a setting, or the file the version's
/// manifest chose at push), <c>model_file</c> in <c>maas.json</c>, <c>model.onnx</c> (optimum-cli),
/// <c>onnx/model.onnx</c> (transformers.js), the legacy merged decoder <c>decoder_model_merged.onnx</c> in either
/// place, then the only <c>*.onnx</c> anywhere below.
/// </summary>
public static class ModelFileLocator
{
    public const string ManifestFileName = "maas.json";

    private static readonly string[] ConventionalNames =
        ["model.onnx", "onnx/model.onnx", "decoder_model_merged.onnx", "onnx/decoder_model_merged.onnx"];

    /// <summary>Locates in a file or folder; <c>maas.json</c> is read only when no file is named explicitly.</summary>
    public static ModelFileLocation Locate(string path, string? explicitFile)
    {
        if (File.Exists(path))
        {
            var full = Path.GetFullPath(path);
            return new ModelFileLocation(full, Path.GetFileName(full), Path.GetDirectoryName(full) ?? full);
        }

        if (!Directory.Exists(path))
        {
            throw MaasException.InvalidModel($"model path '{path}' does not exist");
        }

        var folder = Path.GetFullPath(path);
        return !string.IsNullOrEmpty(explicitFile)
            ? Named(folder, explicitFile, "the model_file setting")
            : LocateInFolder(folder, ReadManifestModelFile(folder));
    }

    /// <summary>Locates in a folder whose <c>maas.json</c> <c>model_file</c> (null when absent) is already known.</summary>
    public static ModelFileLocation LocateInFolder(string folder, string? declared)
    {
        folder = Path.GetFullPath(folder);
        if (!string.IsNullOrEmpty(declared))
        {
            return Named(folder, declared, ManifestFileName);
        }

        foreach (var name in ConventionalNames)
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return new ModelFileLocation(candidate, name, folder);
            }
        }

        var found = Directory
            .EnumerateFiles(folder, "*.onnx", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Select(f => ModelPaths.Relative(folder, f))
            .Order(StringComparer.Ordinal)
            .ToList();
        return found.Count switch
        {
            0 => throw MaasException.InvalidModel("no .onnx file found in the folder"),
            1 => new ModelFileLocation(Path.Combine(folder, found[0]), found[0], folder),
            _ => throw MaasException.InvalidModel(
                $"several .onnx files found in the folder ({string.Join(", ", found)}); name one with model_file in {ManifestFileName}"),
        };
    }

    private static ModelFileLocation Named(string folder, string relative, string source)
    {
        // External data is resolved next to the .onnx file, so a file outside the folder could pull in anything.
        var full = ModelPaths.ResolveInside(folder, relative)
            ?? throw MaasException.InvalidModel($"model file '{relative}' from {source} is outside the model folder");
        return File.Exists(full)
            ? new ModelFileLocation(full, ModelPaths.Relative(folder, full), folder)
            : throw MaasException.InvalidModel($"model file '{relative}' from {source} does not exist in the model folder");
    }

    /// <summary>For direct loads without a manifest (tests, tools): the server always passes the manifest's choice.</summary>
    private static string? ReadManifestModelFile(string folder)
    {
        var manifest = Path.Combine(folder, ManifestFileName);
        if (!File.Exists(manifest))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(manifest), new JsonDocumentOptions { AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("model_file", out var value)
                || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : throw MaasException.InvalidModel($"{ManifestFileName}: model_file must be a string");
        }
        catch (JsonException ex)
        {
            throw MaasException.InvalidModel($"{ManifestFileName} is not valid JSON: {ex.Message}", ex);
        }
    }
}
