using System.Text.Json;
using Maas.Errors;

namespace Maas.Runtime.Manifests;

/// <summary>Reads the optional JSON files of a model folder and their values; anything malformed is the artifact's fault (422).</summary>
public static class ManifestJson
{
    public static JsonDocument? Read(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw MaasException.InvalidModel($"{file} is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>The property when <paramref name="root"/> is an object that has it with a non-null value.</summary>
    public static JsonElement? Get(JsonElement? root, string name) =>
        root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static string? String(JsonElement? root, string name, string file) => Get(root, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw MaasException.InvalidModel($"{file}: '{name}' must be a string"),
    };

    /// <summary>A string where one is expected, ignoring anything else (for files other tools write).</summary>
    public static string? LenientString(JsonElement? root, string name) =>
        Get(root, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static bool? Bool(JsonElement? root, string name, string file) => Get(root, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw MaasException.InvalidModel($"{file}: '{name}' must be true or false"),
    };

    public static int? Int(JsonElement? root, string name, string file, int min, int max, string? prefix = null)
    {
        if (Get(root, name) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max
            ? number
            : throw MaasException.InvalidModel($"{file}: '{prefix}{name}' must be an integer from {min} to {max}");
    }
}
