using System.Diagnostics.CodeAnalysis;

namespace Maas.Tensors;

/// <summary>KServe datatype names and element sizes.</summary>
public static class DataTypes
{
    private static readonly string[] Names =
    [
        "BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64",
        "FP16", "BF16", "FP32", "FP64", "BYTES",
    ];

    /// <summary>Every KServe name, for error messages that list what is accepted.</summary>
    public static IReadOnlyList<string> AllNames => Names;

    public static string ToKServeName(this TensorDataType type) => Names[(int)type];

    public static bool TryParse(string? name, out TensorDataType type)
    {
        var index = name is null ? -1 : Array.IndexOf(Names, name);
        type = index < 0 ? default : (TensorDataType)index;
        return index >= 0;
    }

    /// <summary>Bytes per element on the wire and in memory; 0 for BYTES, whose elements vary in length.</summary>
    public static int ElementSize(this TensorDataType type) => type switch
    {
        TensorDataType.Bool or TensorDataType.UInt8 or TensorDataType.Int8 => 1,
        TensorDataType.UInt16 or TensorDataType.Int16 or TensorDataType.Fp16 or TensorDataType.Bf16 => 2,
        TensorDataType.UInt32 or TensorDataType.Int32 or TensorDataType.Fp32 => 4,
        TensorDataType.UInt64 or TensorDataType.Int64 or TensorDataType.Fp64 => 8,
        TensorDataType.Bytes => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Number of elements a shape holds; false when a dimension is negative or the product overflows.</summary>
    public static bool TryGetElementCount(ReadOnlySpan<long> shape, [NotNullWhen(true)] out long? count)
    {
        long product = 1;
        foreach (var dim in shape)
        {
            if (dim < 0)
            {
                count = null;
                return false;
            }

            try
            {
                product = checked(product * dim);
            }
            catch (OverflowException)
            {
                count = null;
                return false;
            }
        }

        count = product;
        return true;
    }

    public static string FormatShape(ReadOnlySpan<long> shape) => "[" + string.Join(",", shape.ToArray()) + "]";
}
