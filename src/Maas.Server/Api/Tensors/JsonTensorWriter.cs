using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Maas.Tensors;

namespace Maas.Server.Api.Tensors;

/// <summary>Writes tensor elements as JSON values, flat (KServe V2) or nested in their shape (predictions).</summary>
internal static class JsonTensorWriter
{
    public static void WriteFlat(Utf8JsonWriter writer, Tensor tensor)
    {
        writer.WriteStartArray();
        var count = tensor.ElementCount;
        for (var i = 0; i < count; i++)
        {
            WriteElement(writer, tensor, i);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes elements [offset, offset + product(dims)) nested in <paramref name="dims"/>.</summary>
    public static void WriteNested(Utf8JsonWriter writer, Tensor tensor, ReadOnlySpan<long> dims, ref long offset)
    {
        if (dims.IsEmpty)
        {
            WriteElement(writer, tensor, offset++);
            return;
        }

        writer.WriteStartArray();
        for (var i = 0; i < dims[0]; i++)
        {
            WriteNested(writer, tensor, dims[1..], ref offset);
        }

        writer.WriteEndArray();
    }

    private static void WriteElement(Utf8JsonWriter writer, Tensor tensor, long index)
    {
        var data = tensor.Data.Span;
        var i = (int)index;
        switch (tensor.DataType)
        {
            case TensorDataType.Bool:
                writer.WriteBooleanValue(data[i] != 0);
                break;
            case TensorDataType.UInt8:
                writer.WriteNumberValue(data[i]);
                break;
            case TensorDataType.Int8:
                writer.WriteNumberValue((sbyte)data[i]);
                break;
            case TensorDataType.UInt16:
                writer.WriteNumberValue(BinaryPrimitives.ReadUInt16LittleEndian(data[(i * 2)..]));
                break;
            case TensorDataType.Int16:
                writer.WriteNumberValue(BinaryPrimitives.ReadInt16LittleEndian(data[(i * 2)..]));
                break;
            case TensorDataType.UInt32:
                writer.WriteNumberValue(BinaryPrimitives.ReadUInt32LittleEndian(data[(i * 4)..]));
                break;
            case TensorDataType.Int32:
                writer.WriteNumberValue(BinaryPrimitives.ReadInt32LittleEndian(data[(i * 4)..]));
                break;
            case TensorDataType.UInt64:
                writer.WriteNumberValue(BinaryPrimitives.ReadUInt64LittleEndian(data[(i * 8)..]));
                break;
            case TensorDataType.Int64:
                writer.WriteNumberValue(BinaryPrimitives.ReadInt64LittleEndian(data[(i * 8)..]));
                break;
            case TensorDataType.Fp16:
                WriteReal(writer, (float)BinaryPrimitives.ReadHalfLittleEndian(data[(i * 2)..]));
                break;
            case TensorDataType.Bf16:
                WriteReal(writer, BFloat16.ToSingle(BinaryPrimitives.ReadUInt16LittleEndian(data[(i * 2)..])));
                break;
            case TensorDataType.Fp32:
                WriteReal(writer, BinaryPrimitives.ReadSingleLittleEndian(data[(i * 4)..]));
                break;
            case TensorDataType.Fp64:
                WriteReal(writer, BinaryPrimitives.ReadDoubleLittleEndian(data[(i * 8)..]));
                break;
            case TensorDataType.Bytes:
                WriteString(writer, tensor.Strings![i]);
                break;
        }
    }

    private static void WriteReal(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            WriteNonFinite(writer, value);
        }
    }

    private static void WriteReal(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            WriteNonFinite(writer, value);
        }
    }

    // JSON numbers cannot be NaN or infinite; write the strings numpy-based clients parse back.
    private static void WriteNonFinite(Utf8JsonWriter writer, double value) =>
        writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");

    private static void WriteString(Utf8JsonWriter writer, byte[] utf8)
    {
        // Invalid UTF-8 cannot go into a JSON string verbatim; decoding substitutes the replacement character.
        if (Utf8.IsValid(utf8))
        {
            writer.WriteStringValue(utf8);
        }
        else
        {
            writer.WriteStringValue(Encoding.UTF8.GetString(utf8));
        }
    }
}
