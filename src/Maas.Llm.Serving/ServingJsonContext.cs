using System.Text.Json.Serialization;

namespace Maas.Llm.Serving;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(LlmServingOptions))]
internal sealed partial class ServingJsonContext : JsonSerializerContext;
