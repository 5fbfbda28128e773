using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Maas.Client.Json;

/// <summary>Wire-only shapes (envelopes, request bodies, free-form JSON) that are not part of the public API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(AliasRequest))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class WireJsonContext : JsonSerializerContext;
