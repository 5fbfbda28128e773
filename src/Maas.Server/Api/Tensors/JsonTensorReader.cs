using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Maas.Errors;
using Maas.Tensors;

namespace Maas.Server.Api.Tensors;

/// <summary>
/// Turns JSON tensor data (nested in the tensor's shape, or flat) into the engine's raw layout, checking every
/// element's type and range so a mistake is reported with the input's name and the element's position.
/// </summary>
internal static class JsonTensorReader
{
    public static Tensor Read(string name, TensorDataType type, long[] shape, JsonElement data, long maxElements)
    {
        if (!DataTypes.TryGetElementCount(shape, out var counted))
        {
            throw MaasException.InvalidInput($"input '{name}': shape {DataTypes.FormatShape(shape)} must hold non-negative sizes");
        }

        var count = counted.Value;
        if (count > maxElements)
        {
            throw MaasException.TooLarge($"input '{name}': shape {DataTypes.FormatShape(shape)} holds {count} elements, over the limit of {maxElements}");
        }

        if (data.ValueKind != JsonValueKind.Array)
        {
            throw MaasException.InvalidInput($"input '{name}': 'data' must be an array (nested in the shape or flat), not {Kind(data)}");
        }

        var cursor = new Cursor(name, type, (int)count);
        if (IsFlat(data))
        {
            if (data.GetArrayLength() != count)
            {
                throw MaasException.InvalidInput(
                    $"input '{name}': 'data' has {data.GetArrayLength()} elements but shape {DataTypes.FormatShape(shape)} needs {count}");
            }

            foreach (var element in data.EnumerateArray())
            {
                cursor.Add(element);
            }
        }
        else
        {
            ReadNested(data, shape, 0, ref cursor);
        }

        return cursor.ToTensor(shape);
    }

    /// <summary>Infers the shape of a nested JSON array (for instances that carry no shape); null when ragged.</summary>
    public static long[]? InferShape(JsonElement value)
    {
        var dims = new List<long>();
        var probe = value;
        while (probe.ValueKind == JsonValueKind.Array)
        {
            var length = probe.GetArrayLength();
            dims.Add(length);
            if (length == 0)
            {
                break;
            }

            probe = probe[0];
        }

        var shape = dims.ToArray();
        return IsRectangular(value, shape, 0) ? shape : null;
    }

    private static bool IsRectangular(JsonElement value, long[] shape, int depth)
    {
        if (depth == shape.Length)
        {
            return value.ValueKind != JsonValueKind.Array;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != shape[depth])
        {
            return false;
        }

        foreach (var item in value.EnumerateArray())
        {
            if (!IsRectangular(item, shape, depth + 1))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Appends the scalars of a nested array of the given shape to a cursor; used to stack instances.</summary>
    internal static void ReadNested(JsonElement value, ReadOnlySpan<long> shape, int depth, ref Cursor cursor)
    {
        if (depth == shape.Length)
        {
            cursor.Add(value);
            return;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw MaasException.InvalidInput(
                $"input '{cursor.Name}': nested 'data' does not match shape {DataTypes.FormatShape(shape)}: expected an array at depth {depth}, found {Kind(value)}");
        }

        if (value.GetArrayLength() != shape[depth])
        {
            throw MaasException.InvalidInput(
                $"input '{cursor.Name}': nested 'data' does not match shape {DataTypes.FormatShape(shape)}: an array at depth {depth} has {value.GetArrayLength()} items, expected {shape[depth]} (ragged or mis-shaped)");
        }

        foreach (var item in value.EnumerateArray())
        {
            ReadNested(item, shape, depth + 1, ref cursor);
        }
    }

    private static bool IsFlat(JsonElement data)
    {
        foreach (var element in data.EnumerateArray())
        {
            return element.ValueKind != JsonValueKind.Array;
        }

        return true;
    }

    internal static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>Writes elements one after another into a buffer sized for the whole tensor.</summary>
    internal struct Cursor(string name, TensorDataType type, int count)
    {
        private readonly byte[] _buffer = type == TensorDataType.Bytes ? [] : new byte[checked(count * type.ElementSize())];
        private readonly byte[][]? _strings = type == TensorDataType.Bytes ? new byte[count][] : null;
        private int _index;

        public readonly string Name => name;

        public void Add(JsonElement element)
        {
            if (_index >= count)
            {
                throw MaasException.InvalidInput($"input '{name}': 'data' has more than the {count} elements its shape holds");
            }

            var span = _buffer.AsSpan();
            switch (type)
            {
                case TensorDataType.Bool:
                    span[_index] = element.ValueKind switch
                    {
                        JsonValueKind.True => 1,
                        JsonValueKind.False => 0,
                        JsonValueKind.Number when element.TryGetInt32(out var b) && b is 0 or 1 => (byte)b,
                        _ => throw Bad(element, "true or false"),
                    };
                    break;
                case TensorDataType.UInt8:
                    span[_index] = checked((byte)Integer(element, byte.MinValue, byte.MaxValue));
                    break;
                case TensorDataType.Int8:
                    span[_index] = unchecked((byte)(sbyte)Integer(element, sbyte.MinValue, sbyte.MaxValue));
                    break;
                case TensorDataType.UInt16:
                    BinaryPrimitives.WriteUInt16LittleEndian(span[(_index * 2)..], (ushort)Integer(element, ushort.MinValue, ushort.MaxValue));
                    break;
                case TensorDataType.Int16:
                    BinaryPrimitives.WriteInt16LittleEndian(span[(_index * 2)..], (short)Integer(element, short.MinValue, short.MaxValue));
                    break;
                case TensorDataType.UInt32:
                    BinaryPrimitives.WriteUInt32LittleEndian(span[(_index * 4)..], (uint)Integer(element, uint.MinValue, uint.MaxValue));
                    break;
                case TensorDataType.Int32:
                    BinaryPrimitives.WriteInt32LittleEndian(span[(_index * 4)..], (int)Integer(element, int.MinValue, int.MaxValue));
                    break;
                case TensorDataType.Int64:
                    BinaryPrimitives.WriteInt64LittleEndian(span[(_index * 8)..], Integer(element, long.MinValue, long.MaxValue));
                    break;
                case TensorDataType.UInt64:
                    BinaryPrimitives.WriteUInt64LittleEndian(span[(_index * 8)..], UnsignedLong(element));
                    break;
                case TensorDataType.Fp16:
                    var half = (Half)Real(element, out var halfFromNumber);
                    BinaryPrimitives.WriteHalfLittleEndian(span[(_index * 2)..], Fits(element, halfFromNumber, half, Half.IsInfinity, "65504"));
                    break;
                case TensorDataType.Bf16:
                    var brain = BFloat16.FromSingle((float)Real(element, out var brainFromNumber));
                    BinaryPrimitives.WriteUInt16LittleEndian(span[(_index * 2)..], Fits(element, brainFromNumber, brain, BFloat16.IsInfinity, "3.3895314E+38"));
                    break;
                case TensorDataType.Fp32:
                    var single = (float)Real(element, out var singleFromNumber);
                    BinaryPrimitives.WriteSingleLittleEndian(span[(_index * 4)..], Fits(element, singleFromNumber, single, float.IsInfinity, "3.4028235E+38"));
                    break;
                case TensorDataType.Fp64:
                    BinaryPrimitives.WriteDoubleLittleEndian(span[(_index * 8)..], Real(element, out _));
                    break;
                case TensorDataType.Bytes:
                    _strings![_index] = element.ValueKind == JsonValueKind.String
                        ? Encoding.UTF8.GetBytes(element.GetString()!)
                        : throw Bad(element, "a string");
                    break;
            }

            _index++;
        }

        public readonly Tensor ToTensor(long[] shape)
        {
            if (_index != count)
            {
                throw MaasException.InvalidInput($"input '{name}': 'data' has {_index} elements but its shape holds {count}");
            }

            return type == TensorDataType.Bytes
                ? Tensor.FromStrings(name, shape, _strings!)
                : Tensor.FromBytes(name, type, shape, _buffer);
        }

        private readonly long Integer(JsonElement element, long min, long max)
        {
            if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var value))
            {
                return value >= min && value <= max
                    ? value
                    : throw MaasException.InvalidInput(
                        $"input '{name}': element {_index} is {value}, outside the range of {type.ToKServeName()} [{min}, {max}]");
            }

            throw Bad(element, $"an integer ({type.ToKServeName()})");
        }

        private readonly ulong UnsignedLong(JsonElement element) =>
            element.ValueKind == JsonValueKind.Number && element.TryGetUInt64(out var value)
                ? value
                : throw Bad(element, "a non-negative integer (UINT64)");

        /// <summary>
        /// A JSON number, or one of the spellings of NaN and the infinities numpy and Triton clients emit (JSON has no
        /// literal for them). <paramref name="fromNumber"/> says the value was a number, so an infinity here is an overflow.
        /// </summary>
        private readonly double Real(JsonElement element, out bool fromNumber)
        {
            fromNumber = element.ValueKind == JsonValueKind.Number;
            if (fromNumber)
            {
                // TryGetDouble refuses what overflows a double (1e999); that is out of range, not the wrong type.
                return element.TryGetDouble(out var value) ? value : throw OutOfRange(element, "1.7976931348623157E+308");
            }

            if (element.ValueKind == JsonValueKind.String)
            {
                switch (element.GetString())
                {
                    case "NaN" or "nan":
                        return double.NaN;
                    case "Infinity" or "inf":
                        return double.PositiveInfinity;
                    case "-Infinity" or "-inf":
                        return double.NegativeInfinity;
                }
            }

            throw Bad(element, $"a number ({type.ToKServeName()})");
        }

        /// <summary>A finite JSON number that became an infinity when narrowed (1e39 as FP32) is refused, never sent on.</summary>
        private readonly T Fits<T>(JsonElement element, bool fromNumber, T narrowed, Func<T, bool> isInfinity, string max) =>
            fromNumber && isInfinity(narrowed) ? throw OutOfRange(element, max) : narrowed;

        private readonly MaasException OutOfRange(JsonElement element, string max) =>
            MaasException.InvalidInput(
                $"input '{name}': element {_index} is {Truncate(element.GetRawText())}, outside the range of {type.ToKServeName()} [-{max}, {max}]; values must be finite");

        private readonly MaasException Bad(JsonElement element, string expected)
        {
            var shown = element.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
                ? $"{Kind(element)} {Truncate(element.GetRawText())}"
                : Kind(element);
            return MaasException.InvalidInput($"input '{name}': element {_index} is {shown}; expected {expected}");
        }

        private static string Truncate(string text) =>
            text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "...");
    }
}
