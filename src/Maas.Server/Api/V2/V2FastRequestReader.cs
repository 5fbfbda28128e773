using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Unicode;
using Maas.Inference;
using Maas.Tensors;

namespace Maas.Server.Api.V2;

/// <summary>
/// One pass over the common V2 infer body — <c>inputs</c> of FP32, FP64, INT32 or INT64 numbers with name, shape and
/// datatype before data, an optional string <c>id</c> and <c>outputs</c> naming outputs — straight into the tensors'
/// buffers. Building a JsonDocument and walking it cost about twice as much CPU as the rest of such a request's
/// reading. Anything else (parameters, binary data, other types, other property orders, any mistake) answers null
/// and goes to <see cref="V2RequestReader"/>, which alone words the errors; so this reader never decides a 400.
/// </summary>
internal static class V2FastRequestReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    public static V2InferRequest? TryRead(ReadOnlySpan<byte> json, long maxElements)
    {
        if (!Utf8.IsValid(json))
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(json, Options);
            return ReadRoot(ref reader, maxElements);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Anything unusual (a lone surrogate, a mistyped field) goes to the full reader, which words the 400.
            return null;
        }
    }

    private static V2InferRequest? ReadRoot(ref Utf8JsonReader reader, long maxElements)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        List<Tensor>? inputs = null;
        List<string>? outputs = null;
        string? id = null;
        var seenId = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("inputs"u8) && inputs is null)
            {
                inputs = ReadInputs(ref reader, maxElements);
                if (inputs is null)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("outputs"u8) && outputs is null)
            {
                outputs = ReadOutputs(ref reader);
                if (outputs is null)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("id"u8) && !seenId && reader.Read() && reader.TokenType == JsonTokenType.String)
            {
                seenId = true;
                id = reader.GetString();
            }
            else
            {
                return null;
            }
        }

        // Past the root object only whitespace may follow; the reader throws on anything else.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read() || inputs is null)
        {
            return null;
        }

        var request = new InferenceRequest(inputs) { Id = id, RequestedOutputs = outputs };
        return new V2InferRequest(request, binaryByDefault: false, binaryByOutput: V2InferRequest.NoBinaryOutputs);
    }

    private static List<Tensor>? ReadInputs(ref Utf8JsonReader reader, long maxElements)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var tensors = new List<Tensor>(1);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (ReadInput(ref reader, maxElements) is not { } tensor)
            {
                return null;
            }

            tensors.Add(tensor);
        }

        return reader.TokenType == JsonTokenType.EndArray ? tensors : null;
    }

    private static Tensor? ReadInput(ref Utf8JsonReader reader, long maxElements)
    {
        string? name = null;
        TensorDataType? type = null;
        long[]? shape = null;
        Tensor? tensor = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8) && name is null && reader.Read() && reader.TokenType == JsonTokenType.String)
            {
                name = reader.GetString();
            }
            else if (reader.ValueTextEquals("datatype"u8) && type is null && reader.Read() && reader.TokenType == JsonTokenType.String)
            {
                type = reader.ValueTextEquals("FP32"u8) ? TensorDataType.Fp32
                    : reader.ValueTextEquals("FP64"u8) ? TensorDataType.Fp64
                    : reader.ValueTextEquals("INT32"u8) ? TensorDataType.Int32
                    : reader.ValueTextEquals("INT64"u8) ? TensorDataType.Int64
                    : null;
                if (type is null)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("shape"u8) && shape is null)
            {
                shape = ReadShape(ref reader);
                if (shape is null)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("data"u8) && tensor is null && name is not null && type is { } t && shape is not null)
            {
                tensor = ReadData(ref reader, name, t, shape, maxElements);
                if (tensor is null)
                {
                    return null;
                }
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? tensor : null;
    }

    private static long[]? ReadShape(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        Span<long> dims = stackalloc long[16];
        var rank = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.Number)
        {
            if (rank == dims.Length || !reader.TryGetInt64(out var dim) || dim < 0)
            {
                return null;
            }

            dims[rank++] = dim;
        }

        return reader.TokenType == JsonTokenType.EndArray ? dims[..rank].ToArray() : null;
    }

    private static Tensor? ReadData(ref Utf8JsonReader reader, string name, TensorDataType type, long[] shape, long maxElements)
    {
        if (!DataTypes.TryGetElementCount(shape, out var counted) || counted > maxElements
            || !reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var buffer = new byte[checked((int)counted.Value * type.ElementSize())];
        var written = 0;

        // Flat data (V2's own layout) or nested in the shape, as V2RequestReader accepts; the first element decides.
        var peek = reader;
        var nested = peek.Read() && peek.TokenType == JsonTokenType.StartArray;
        var ok = nested
            ? shape.Length > 0 && ReadNested(ref reader, type, shape, 0, buffer, ref written)
            : ReadFlat(ref reader, type, buffer, ref written);
        return ok && written == buffer.Length ? Tensor.FromBytes(name, type, shape, buffer) : null;
    }

    /// <summary>Reader on the data's StartArray; leaves it on the matching EndArray.</summary>
    private static bool ReadFlat(ref Utf8JsonReader reader, TensorDataType type, byte[] buffer, ref int written)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!WriteNumber(ref reader, type, buffer, ref written))
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndArray;
    }

    /// <summary>Reader on the StartArray of an array at <paramref name="depth"/>; leaves it on that array's EndArray.</summary>
    private static bool ReadNested(ref Utf8JsonReader reader, TensorDataType type, long[] shape, int depth, byte[] buffer, ref int written)
    {
        long items = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var ok = depth == shape.Length - 1
                ? WriteNumber(ref reader, type, buffer, ref written)
                : reader.TokenType == JsonTokenType.StartArray && ReadNested(ref reader, type, shape, depth + 1, buffer, ref written);
            if (!ok)
            {
                return false;
            }

            items++;
        }

        return reader.TokenType == JsonTokenType.EndArray && items == shape[depth];
    }

    /// <summary>The same conversions as JsonTensorReader: doubles narrowed to FP32, integers range-checked.</summary>
    private static bool WriteNumber(ref Utf8JsonReader reader, TensorDataType type, byte[] buffer, ref int written)
    {
        var size = type.ElementSize();
        if (reader.TokenType != JsonTokenType.Number || written + size > buffer.Length)
        {
            return false;
        }

        var span = buffer.AsSpan(written);
        switch (type)
        {
            // A value that overflows to infinity is left to the full reader, which names it in a 400.
            case TensorDataType.Fp32 when reader.TryGetDouble(out var d) && float.IsFinite((float)d):
                BinaryPrimitives.WriteSingleLittleEndian(span, (float)d);
                break;
            case TensorDataType.Fp64 when reader.TryGetDouble(out var d) && double.IsFinite(d):
                BinaryPrimitives.WriteDoubleLittleEndian(span, d);
                break;
            case TensorDataType.Int32 when reader.TryGetInt32(out var i):
                BinaryPrimitives.WriteInt32LittleEndian(span, i);
                break;
            case TensorDataType.Int64 when reader.TryGetInt64(out var l):
                BinaryPrimitives.WriteInt64LittleEndian(span, l);
                break;
            default:
                return false;
        }

        written += size;
        return true;
    }

    private static List<string>? ReadOutputs(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var names = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("name"u8)
                || !reader.Read() || reader.TokenType != JsonTokenType.String || reader.GetString() is not { } name
                || names.Contains(name) || !reader.Read() || reader.TokenType != JsonTokenType.EndObject)
            {
                return null;
            }

            names.Add(name);
        }

        return reader.TokenType == JsonTokenType.EndArray ? names : null;
    }
}
