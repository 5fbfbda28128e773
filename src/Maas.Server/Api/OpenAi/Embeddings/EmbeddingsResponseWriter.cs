using System.Runtime.InteropServices;
using System.Text.Json;
using Maas.Pipelines.Embeddings;

namespace Maas.Server.Api.OpenAi.Embeddings;

/// <summary>
/// OpenAI's embeddings response: <c>{"object": "list", "data": [{"object": "embedding", "index", "embedding"}],
/// "model", "usage": {"prompt_tokens", "total_tokens"}}</c>; base64 is the little-endian float32 bytes.
/// </summary>
internal static class EmbeddingsResponseWriter
{
    public static void Write(Utf8JsonWriter writer, string model, EmbeddingResult result, bool base64)
    {
        writer.WriteStartObject();
        writer.WriteString("object"u8, "list");
        writer.WriteStartArray("data"u8);
        for (var i = 0; i < result.Vectors.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("object"u8, "embedding");
            writer.WriteNumber("index"u8, i);
            WriteVector(writer, result.Vectors[i], base64);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("model"u8, model);
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("prompt_tokens"u8, result.PromptTokens);
        writer.WriteNumber("total_tokens"u8, result.PromptTokens);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteVector(Utf8JsonWriter writer, float[] vector, bool base64)
    {
        if (base64)
        {
            // x86 and ARM .NET are little-endian, which is the byte order the SDKs decode.
            writer.WriteBase64String("embedding"u8, MemoryMarshal.AsBytes(vector.AsSpan()));
            return;
        }

        writer.WriteStartArray("embedding"u8);
        foreach (var value in vector)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }
}
