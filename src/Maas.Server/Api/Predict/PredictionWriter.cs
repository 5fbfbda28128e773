using System.Text.Json;
using Maas.Inference;
using Maas.Server.Api.Tensors;

namespace Maas.Server.Api.Predict;

/// <summary>Splits batched outputs back into one prediction per instance.</summary>
internal static class PredictionWriter
{
    public static void Write(Utf8JsonWriter writer, InferenceResponse response, int instances)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("predictions"u8);
        var single = response.Outputs.Count == 1;
        for (var i = 0; i < instances; i++)
        {
            if (!single)
            {
                writer.WriteStartObject();
            }

            foreach (var output in response.Outputs)
            {
                if (!single)
                {
                    writer.WritePropertyName(output.Name);
                }

                WriteRow(writer, output, i, instances);
            }

            if (!single)
            {
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteRow(Utf8JsonWriter writer, Maas.Tensors.Tensor output, int row, int instances)
    {
        // An output without the batch dimension (a model-wide value) is repeated for every instance.
        if (output.Shape.Length == 0 || output.Shape[0] != instances)
        {
            long whole = 0;
            JsonTensorWriter.WriteNested(writer, output, output.Shape, ref whole);
            return;
        }

        var rowShape = output.Shape.AsSpan(1);
        long perRow = 1;
        foreach (var dim in rowShape)
        {
            perRow *= dim;
        }

        var offset = row * perRow;
        JsonTensorWriter.WriteNested(writer, output, rowShape, ref offset);
    }
}
