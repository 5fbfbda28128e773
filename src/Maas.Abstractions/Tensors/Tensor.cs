namespace Maas.Tensors;

/// <summary>
/// A named tensor in host memory. Fixed-size types keep their elements in <see cref="Data"/>, little-endian and
/// row-major with no padding (BOOL as one byte 0/1), exactly the layout of Triton's binary tensor extension, so a
/// request body can be handed to the engine without conversion. BYTES tensors keep one array per element in
/// <see cref="Strings"/>.
/// </summary>
public sealed class Tensor
{
    private Tensor(string name, TensorDataType dataType, long[] shape, ReadOnlyMemory<byte> data, IReadOnlyList<byte[]>? strings)
    {
        Name = name;
        DataType = dataType;
        Shape = shape;
        Data = data;
        Strings = strings;
    }

    public string Name { get; }

    public TensorDataType DataType { get; }

    public long[] Shape { get; }

    /// <summary>Raw element bytes for fixed-size types; empty for BYTES.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The elements of a BYTES tensor; null for every other type.</summary>
    public IReadOnlyList<byte[]>? Strings { get; }

    public long ElementCount => Strings?.Count ?? (DataType.ElementSize() == 0 ? 0 : Data.Length / DataType.ElementSize());

    public static Tensor FromBytes(string name, TensorDataType dataType, long[] shape, ReadOnlyMemory<byte> data)
    {
        if (dataType == TensorDataType.Bytes)
        {
            throw new ArgumentException("BYTES tensors hold their elements as strings.", nameof(dataType));
        }

        return new Tensor(name, dataType, shape, data, null);
    }

    public static Tensor FromStrings(string name, long[] shape, IReadOnlyList<byte[]> elements) =>
        new(name, TensorDataType.Bytes, shape, ReadOnlyMemory<byte>.Empty, elements);

    public static Tensor FromArray<T>(string name, TensorDataType dataType, long[] shape, T[] values)
        where T : unmanaged =>
        FromBytes(name, dataType, shape, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
}
