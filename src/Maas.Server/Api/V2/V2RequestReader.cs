using System.Buffers.Binary;
using System.Text.Json;
using Maas.Errors;
using Maas.Inference;
using Maas.Server.Api.Tensors;
using Maas.Server.Hosting;
using Maas.Tensors;

namespace Maas.Server.Api.V2;

/// <summary>
/// Parses a V2 infer body: JSON alone, or a JSON header followed by raw tensors (Triton's binary extension, where
/// <c>Inference-Header-Content-Length</c> gives the header size and each binary input names its byte count).
/// Binary inputs are sliced from the body without copying.
/// </summary>
internal static class V2RequestReader
{
    public static V2InferRequest Read(ReadOnlyMemory<byte> body, int? headerLength, long maxElements)
    {
        if (headerLength is { } h && (h < 0 || h > body.Length))
        {
            throw MaasException.InvalidInput(
                $"header 'Inference-Header-Content-Length' is {h} but the body has only {body.Length} bytes");
        }

        if (headerLength is null && V2FastRequestReader.TryRead(body.Span, maxElements) is { } common)
        {
            return common;
        }

        var json = headerLength is { } length ? body[..length] : body;
        var binary = headerLength is { } start ? body[start..] : ReadOnlyMemory<byte>.Empty;
        using var document = JsonBody.Parse(json, "a JSON object with 'inputs'");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw MaasException.InvalidInput($"the request body must be a JSON object with 'inputs', not {JsonTensorReader.Kind(root)}");
        }

        var parameters = V2Parameters.Read(root, "parameters");
        var inputs = ReadInputs(root, binary, maxElements);
        var (outputs, binaryByOutput) = ReadOutputs(root);
        var binaryDefault = parameters?.GetValueOrDefault("binary_data_output") is true;
        var request = new InferenceRequest(inputs)
        {
            Id = root.TryGetProperty("id", out var id) ? ReadId(id) : null,
            RequestedOutputs = outputs,
            Parameters = parameters,
        };
        return new V2InferRequest(request, binaryDefault, binaryByOutput);
    }

    private static string ReadId(JsonElement id) => id.ValueKind == JsonValueKind.String
        ? id.GetString()!
        : throw MaasException.InvalidInput($"'id' must be a string, not {JsonTensorReader.Kind(id)}");

    private static List<Tensor> ReadInputs(JsonElement root, ReadOnlyMemory<byte> binary, long maxElements)
    {
        if (!root.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array)
        {
            throw MaasException.InvalidInput("'inputs' is required and must be an array of tensors");
        }

        var tensors = new List<Tensor>(inputs.GetArrayLength());
        var offset = 0;
        var index = 0;
        foreach (var input in inputs.EnumerateArray())
        {
            var at = $"inputs[{index++}]";
            if (input.ValueKind != JsonValueKind.Object)
            {
                throw MaasException.InvalidInput($"{at} must be an object with name, shape, datatype and data");
            }

            var name = input.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                ? n.GetString()!
                : throw MaasException.InvalidInput($"{at}.name is required and must be a string");
            var datatype = input.TryGetProperty("datatype", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            if (!DataTypes.TryParse(datatype, out var type))
            {
                throw MaasException.InvalidInput(
                    $"input '{name}': datatype '{datatype}' is not one of {string.Join(", ", DataTypes.AllNames)}");
            }

            var shape = ReadShape(input, name);
            var binarySize = V2Parameters.Read(input, "parameters")?.GetValueOrDefault("binary_data_size");
            if (binarySize is not null)
            {
                var size = binarySize is long s && s >= 0
                    ? s
                    : throw MaasException.InvalidInput($"input '{name}': parameter 'binary_data_size' must be a non-negative integer");
                if (offset + size > binary.Length)
                {
                    throw MaasException.InvalidInput(
                        $"input '{name}': binary_data_size {size} runs past the end of the body ({binary.Length - offset} binary bytes left)");
                }

                tensors.Add(ReadBinary(name, type, shape, binary.Slice(offset, (int)size), maxElements));
                offset += (int)size;
            }
            else
            {
                if (!input.TryGetProperty("data", out var data))
                {
                    throw MaasException.InvalidInput($"input '{name}': 'data' is required (or parameter 'binary_data_size' with the binary extension)");
                }

                tensors.Add(JsonTensorReader.Read(name, type, shape, data, maxElements));
            }
        }

        if (offset != binary.Length)
        {
            throw MaasException.InvalidInput(
                $"the binary part of the body has {binary.Length} bytes but the inputs' binary_data_size add up to {offset}");
        }

        return tensors;
    }

    private static long[] ReadShape(JsonElement input, string name)
    {
        if (!input.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array)
        {
            throw MaasException.InvalidInput($"input '{name}': 'shape' is required and must be an array of non-negative integers");
        }

        var dims = new long[shape.GetArrayLength()];
        var i = 0;
        foreach (var dim in shape.EnumerateArray())
        {
            dims[i++] = dim.ValueKind == JsonValueKind.Number && dim.TryGetInt64(out var value) && value >= 0
                ? value
                : throw MaasException.InvalidInput($"input '{name}': 'shape' must hold non-negative integers, found {dim.GetRawText()}");
        }

        return dims;
    }

    private static Tensor ReadBinary(string name, TensorDataType type, long[] shape, ReadOnlyMemory<byte> bytes, long maxElements)
    {
        if (!DataTypes.TryGetElementCount(shape, out var count) || count > maxElements)
        {
            throw MaasException.TooLarge($"input '{name}': shape {DataTypes.FormatShape(shape)} is over the limit of {maxElements} elements");
        }

        if (type != TensorDataType.Bytes)
        {
            var expected = count.Value * type.ElementSize();
            return bytes.Length == expected
                ? Tensor.FromBytes(name, type, shape, bytes)
                : throw MaasException.InvalidInput(
                    $"input '{name}': binary_data_size is {bytes.Length} bytes but {type.ToKServeName()} {DataTypes.FormatShape(shape)} needs {expected}");
        }

        // BYTES elements are each a 4-byte little-endian length followed by that many bytes.
        var elements = new List<byte[]>((int)Math.Min(count.Value, 1 << 16));
        var span = bytes.Span;
        while (!span.IsEmpty)
        {
            if (span.Length < 4)
            {
                throw MaasException.InvalidInput($"input '{name}': BYTES element {elements.Count} has a truncated 4-byte length prefix");
            }

            var length = BinaryPrimitives.ReadUInt32LittleEndian(span);
            if (length > span.Length - 4)
            {
                throw MaasException.InvalidInput($"input '{name}': BYTES element {elements.Count} claims {length} bytes but only {span.Length - 4} remain");
            }

            elements.Add(span.Slice(4, (int)length).ToArray());
            span = span[(4 + (int)length)..];
        }

        return elements.Count == count
            ? Tensor.FromStrings(name, shape, elements)
            : throw MaasException.InvalidInput(
                $"input '{name}': the binary data holds {elements.Count} BYTES elements but shape {DataTypes.FormatShape(shape)} needs {count}");
    }

    private static (List<string>? Names, Dictionary<string, bool> Binary) ReadOutputs(JsonElement root)
    {
        var binary = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (!root.TryGetProperty("outputs", out var outputs) || outputs.ValueKind == JsonValueKind.Null)
        {
            return (null, binary);
        }

        if (outputs.ValueKind != JsonValueKind.Array)
        {
            throw MaasException.InvalidInput("'outputs' must be an array of {\"name\": ...} objects");
        }

        var names = new List<string>();
        var index = 0;
        foreach (var output in outputs.EnumerateArray())
        {
            var name = output.ValueKind == JsonValueKind.Object && output.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                ? n.GetString()!
                : throw MaasException.InvalidInput($"outputs[{index}].name is required and must be a string");
            if (names.Contains(name))
            {
                throw MaasException.InvalidInput($"output '{name}' is requested more than once");
            }

            names.Add(name);
            if (V2Parameters.Read(output, "parameters")?.GetValueOrDefault("binary_data") is bool flag)
            {
                binary[name] = flag;
            }

            index++;
        }

        return (names, binary);
    }
}
