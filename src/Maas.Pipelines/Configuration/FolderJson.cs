using System.Text.Json;
using Maas.Errors;

namespace Maas.Pipelines.Configuration;

/// <summary>Reads the optional JSON files of a model folder; a malformed file is the artifact's fault (422).</summary>
internal static class FolderJson
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
            var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true });
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            throw MaasException.InvalidModel($"{file} must be a JSON object");
        }
        catch (JsonException ex)
        {
            throw MaasException.InvalidModel($"{file} is not valid JSON: {ex.Message}");
        }
    }

    public static string? String(JsonElement? root, string name) =>
        root is { } r && r.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static bool? Bool(JsonElement? root, string name, string file)
    {
        if (root is not { } r || !r.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw MaasException.InvalidModel($"{file}: '{name}' must be true or false"),
        };
    }

    public static int? Int(JsonElement? root, string name, string file, int min, int max)
    {
        if (root is not { } r || !r.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max
            ? number
            : throw MaasException.InvalidModel($"{file}: '{name}' must be an integer from {min} to {max}");
    }
}
