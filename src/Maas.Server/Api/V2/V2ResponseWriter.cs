using System.Buffers.Binary;
using System.Text.Json;
using Maas.Inference;
using Maas.Server.Api.Tensors;
using Maas.Server.Hosting;
using Maas.Tensors;
using Microsoft.AspNetCore.Http;

namespace Maas.Server.Api.V2;

/// <summary>Writes a V2 infer response: JSON, or a JSON header plus raw outputs when the client asked for binary.</summary>
internal static class V2ResponseWriter
{
    public const string HeaderLengthName = "Inference-Header-Content-Length";

    public static async Task WriteAsync(HttpResponse http, string modelName, int version, V2InferRequest call, InferenceResponse response)
    {
        using var header = new PooledJsonBuffer(1024);
        var anyBinary = false;
        var writer = header.Begin();
        writer.WriteStartObject();
        writer.WriteString("model_name"u8, modelName);
        writer.WriteString("model_version"u8, version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (call.Request.Id is { } id)
        {
            writer.WriteString("id"u8, id);
        }

        writer.WriteStartArray("outputs"u8);
        foreach (var output in response.Outputs)
        {
            var binary = call.IsBinary(output.Name);
            anyBinary |= binary;
            WriteOutput(writer, output, binary);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        PooledJsonBuffer.End(writer);

        if (!anyBinary)
        {
            http.ContentType = "application/json";
            http.ContentLength = header.WrittenCount;
            await http.Body.WriteAsync(header.WrittenMemory);
            return;
        }

        http.ContentType = "application/octet-stream";
        http.Headers[HeaderLengthName] = header.WrittenCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await http.Body.WriteAsync(header.WrittenMemory);
        foreach (var output in response.Outputs)
        {
            if (call.IsBinary(output.Name))
            {
                await http.Body.WriteAsync(output.DataType == TensorDataType.Bytes ? EncodeStrings(output) : output.Data);
            }
        }
    }

    private static void WriteOutput(Utf8JsonWriter writer, Tensor output, bool binary)
    {
        writer.WriteStartObject();
        writer.WriteString("name"u8, output.Name);
        writer.WriteString("datatype"u8, output.DataType.ToKServeName());
        writer.WriteStartArray("shape"u8);
        foreach (var dim in output.Shape)
        {
            writer.WriteNumberValue(dim);
        }

        writer.WriteEndArray();
        if (binary)
        {
            writer.WriteStartObject("parameters"u8);
            writer.WriteNumber("binary_data_size"u8, BinarySize(output));
            writer.WriteEndObject();
        }
        else
        {
            writer.WritePropertyName("data"u8);
            JsonTensorWriter.WriteFlat(writer, output);
        }

        writer.WriteEndObject();
    }

    private static long BinarySize(Tensor output) =>
        output.DataType == TensorDataType.Bytes ? output.Strings!.Sum(s => 4L + s.Length) : output.Data.Length;

    private static byte[] EncodeStrings(Tensor output)
    {
        var buffer = new byte[BinarySize(output)];
        var span = buffer.AsSpan();
        foreach (var element in output.Strings!)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)element.Length);
            element.CopyTo(span[4..]);
            span = span[(4 + element.Length)..];
        }

        return buffer;
    }
}
