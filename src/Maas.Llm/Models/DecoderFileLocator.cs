using System.Text.Json;
using Maas.Errors;

namespace Maas.Llm.Models;

/// <summary>
/// Picks the ONNX file of a decoder folder, first match wins: the explicit option, <c>model_file</c> in
/// <c>maas.json</c> (e.g. <c>onnx/model_quantized.onnx</c>), <c>model.onnx</c> (optimum-cli), <c>onnx/model.onnx</c>
/// (transformers.js layout), then the legacy merged export <c>decoder_model_merged.onnx</c> in either place.
/// </summary>
internal static class DecoderFileLocator
{
    private static readonly string[] ConventionalNames =
        ["model.onnx", "onnx/model.onnx", "decoder_model_merged.onnx", "onnx/decoder_model_merged.onnx"];

    /// <summary>Returns the file's path relative to <paramref name="folder"/>.</summary>
    public static string Locate(string folder, string? explicitFile)
    {
        if (!Directory.Exists(folder))
        {
            throw MaasException.InvalidModel($"model folder '{folder}' does not exist");
        }

        if (!string.IsNullOrEmpty(explicitFile))
        {
            return Checked(folder, explicitFile, "the ModelFile option");
        }

        if (ReadManifest(folder) is { } fromManifest)
        {
            return Checked(folder, fromManifest, "maas.json model_file");
        }

        return ConventionalNames.FirstOrDefault(name => File.Exists(Path.Combine(folder, name)))
            ?? throw MaasException.InvalidModel(
                $"no decoder found in '{folder}': expected {string.Join(", ", ConventionalNames)} or model_file in maas.json");
    }

    private static string Checked(string folder, string relative, string source)
    {
        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, relative));

        // External data is resolved next to the .onnx file, so a file outside the folder could pull in anything.
        if (!full.StartsWith(root, StringComparison.Ordinal))
        {
            throw MaasException.InvalidModel($"model file '{relative}' from {source} is outside the model folder");
        }

        return File.Exists(full)
            ? Path.GetRelativePath(root, full).Replace(Path.DirectorySeparatorChar, '/')
            : throw MaasException.InvalidModel($"model file '{relative}' from {source} does not exist in the model folder");
    }

    private static string? ReadManifest(string folder)
    {
        var path = Path.Combine(folder, "maas.json");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("model_file", out var value)
                && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
        }
        catch (JsonException ex)
        {
            throw MaasException.InvalidModel($"maas.json is not valid JSON: {ex.Message}", ex);
        }
    }
}
