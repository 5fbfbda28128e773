using System.Text.Json;
using System.Text.Json.Serialization;

namespace Maas.Models;

/// <summary>The stored form of a <see cref="ModelManifest"/> (the registry's <c>manifest_json</c> column).</summary>
public static class ModelManifestJson
{
    public static string Serialize(ModelManifest manifest) =>
        JsonSerializer.Serialize(manifest, ModelManifestJsonContext.Default.ModelManifest);

    public static ModelManifest Deserialize(string json) =>
        JsonSerializer.Deserialize(json, ModelManifestJsonContext.Default.ModelManifest)
        ?? throw new InvalidDataException("a stored model manifest is null");
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModelManifest))]
internal sealed partial class ModelManifestJsonContext : JsonSerializerContext;
