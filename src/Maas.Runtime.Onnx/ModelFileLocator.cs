using System.Text.Json;
using Maas.Errors;

namespace Maas.Runtime.Onnx;

/// <summary>
/// The model file chosen for a load: its full path, its name relative to the load path, and the folder it was
/// found in (the load folder, or the file's own folder when a file was given).
/// </summary>
internal sealed record ModelFileLocation(string FullPath, string RelativePath, string Folder);

/// <summary>
/// Finds the ONNX file to open in a load path. For a folder the rules, first match wins: the explicit setting,
/// <c>model_file</c> in <c>maas.json</c>, <c>model.onnx</c>, <c>onnx/model.onnx</c> (the transformers.js layout),
/// then the only <c>*.onnx</c> anywhere below.
/// </summary>
internal static class ModelFileLocator
{
    public const string ManifestFileName = "maas.json";

    private static readonly string[] ConventionalNames = ["model.onnx", "onnx/model.onnx"];

    public static ModelFileLocation Locate(string path, string? modelFile)
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
        if (!string.IsNullOrEmpty(modelFile))
        {
            return Named(folder, modelFile, "the model_file setting");
        }

        if (ReadManifestModelFile(folder) is { } fromManifest)
        {
            return Named(folder, fromManifest, ManifestFileName);
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
            .Select(f => Relative(folder, f))
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
        var full = PathGuard.ResolveInside(folder, relative)
            ?? throw MaasException.InvalidModel($"model file '{relative}' from {source} is outside the model folder");
        return File.Exists(full)
            ? new ModelFileLocation(full, Relative(folder, full), folder)
            : throw MaasException.InvalidModel($"model file '{relative}' from {source} does not exist in the model folder");
    }

    private static string? ReadManifestModelFile(string folder)
    {
        var manifest = Path.Combine(folder, ManifestFileName);
        if (!File.Exists(manifest))
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(manifest);
            using var document = JsonDocument.Parse(stream);
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

    private static string Relative(string folder, string full) =>
        Path.GetRelativePath(folder, full).Replace(Path.DirectorySeparatorChar, '/');
}
