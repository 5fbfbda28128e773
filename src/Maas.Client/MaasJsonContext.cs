using System.Text.Json.Serialization;

namespace Maas.Client;

/// <summary>
/// Source-generated JSON metadata for the registry documents, with the server's field names; public so callers
/// can read or write the documents themselves without reflection (trimming and AOT safe).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = true)]
[JsonSerializable(typeof(ModelInfo))]
[JsonSerializable(typeof(ModelVersionInfo))]
[JsonSerializable(typeof(TensorInfo))]
public sealed partial class MaasJsonContext : JsonSerializerContext;
