using System.Text.Json;
using Maas.Errors;
using Maas.Inference;

namespace Maas.Runtime.Manifests;

/// <summary>maas.json <c>onnx</c>: per-model ONNX Runtime settings, checked at push so a bad value is a 422, not a failed load.</summary>
internal static class OnnxSettingsReader
{
    private static readonly string[] Keys = ["intra_op_threads", "inter_op_threads", "graph_optimization_level"];

    public static OnnxSessionSettings? Read(JsonElement? onnx, string file, out IReadOnlyList<string> warnings)
    {
        warnings = [];
        if (onnx is not { } section)
        {
            return null;
        }

        if (section.ValueKind != JsonValueKind.Object)
        {
            throw MaasException.InvalidModel($"{file}: 'onnx' must be an object of session settings ({string.Join(", ", Keys)})");
        }

        warnings = section.EnumerateObject()
            .Where(p => !Keys.Contains(p.Name, StringComparer.Ordinal))
            .Select(p => $"{file}: unknown key 'onnx.{p.Name}' is ignored (known keys: {string.Join(", ", Keys)})")
            .ToList();
        var level = ManifestJson.Get(section, "graph_optimization_level") is { } value
            ? value.ValueKind == JsonValueKind.String && OnnxSessionSettings.Levels.Contains(value.GetString())
                ? value.GetString()
                : throw MaasException.InvalidModel(
                    $"{file}: 'onnx.graph_optimization_level' must be one of {string.Join(", ", OnnxSessionSettings.Levels)}")
            : null;
        return new OnnxSessionSettings
        {
            IntraOpThreads = ManifestJson.Int(section, "intra_op_threads", file, 0, 1024, "onnx."),
            InterOpThreads = ManifestJson.Int(section, "inter_op_threads", file, 0, 1024, "onnx."),
            GraphOptimizationLevel = level,
        };
    }
}
