using System.Text.Json;
using Maas.Errors;
using Maas.Pipelines;
using Maas.Server.Api.Tensors;
using Maas.Server.Hosting;

namespace Maas.Server.Api.OpenAi.Embeddings;

/// <summary>
/// An OpenAI embeddings request: <c>model</c>, <c>input</c> (a string or an array of strings), <c>encoding_format</c>
/// (<c>float</c> or <c>base64</c>), <c>dimensions</c>; <c>user</c> is accepted and ignored.
/// </summary>
internal sealed record EmbeddingsRequest(string Model, IReadOnlyList<string> Input, bool Base64, int? Dimensions)
{
    public static EmbeddingsRequest Parse(ReadOnlyMemory<byte> body)
    {
        var document = JsonBody.Parse(body, "a JSON object with 'model' and 'input'");
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("the request body must be a JSON object with 'model' and 'input'", null);
            }

            var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String && m.GetString() is { Length: > 0 } name
                ? name
                : throw Invalid("'model' is required and must be a model name", "model");
            return new EmbeddingsRequest(model, ReadInput(root), ReadFormat(root), ReadDimensions(root));
        }
    }

    private static string[] ReadInput(JsonElement root)
    {
        if (!root.TryGetProperty("input", out var input))
        {
            throw Invalid("'input' is required: a string or an array of strings", "input");
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            return [input.GetString()!];
        }

        if (input.ValueKind != JsonValueKind.Array || input.GetArrayLength() == 0)
        {
            throw Invalid($"'input' must be a string or a non-empty array of strings, not {JsonTensorReader.Kind(input)}", "input");
        }

        if (input.GetArrayLength() > PipelineLimits.MaxItems)
        {
            throw Invalid($"'input' holds {input.GetArrayLength()} items; at most {PipelineLimits.MaxItems} are accepted per request", "input");
        }

        var texts = new string[input.GetArrayLength()];
        var i = 0;
        foreach (var item in input.EnumerateArray())
        {
            texts[i] = item.ValueKind switch
            {
                JsonValueKind.String => item.GetString()!,
                JsonValueKind.Number or JsonValueKind.Array => throw Invalid(
                    "token-id inputs are not supported; send the text as a string", "input"),
                _ => throw Invalid($"input[{i}] must be a string, not {JsonTensorReader.Kind(item)}", "input"),
            };
            i++;
        }

        return texts;
    }

    private static bool ReadFormat(JsonElement root)
    {
        if (!root.TryGetProperty("encoding_format", out var format) || format.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return format.ValueKind == JsonValueKind.String && format.GetString() is "float" or "base64"
            ? format.GetString() == "base64"
            : throw Invalid($"'encoding_format' must be \"float\" or \"base64\", not {format.GetRawText()}", "encoding_format");
    }

    private static int? ReadDimensions(JsonElement root) =>
        !root.TryGetProperty("dimensions", out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var d) && d > 0 ? d
        : throw Invalid($"'dimensions' must be a positive integer, not {value.GetRawText()}", "dimensions");

    private static MaasException Invalid(string message, string? param) =>
        new(ErrorKind.InvalidInput, message) { Param = param };
}
