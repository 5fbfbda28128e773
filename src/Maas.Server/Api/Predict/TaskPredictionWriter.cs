using System.Text.Json;
using Maas.Pipelines.Classification;
using Maas.Pipelines.TokenClassification;
using Maas.Routing.Tasks;

namespace Maas.Server.Api.Predict;

/// <summary>
/// Writes a task answer as <c>{"predictions": [...]}</c>: <c>{label, score, scores}</c> per classified instance, a list
/// of <c>{entity_group, score, word, start, end}</c> per NER instance, a vector per embedded instance.
/// </summary>
internal static class TaskPredictionWriter
{
    public static void Write(Utf8JsonWriter writer, TaskAnswer answer)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("predictions"u8);
        if (answer.Classifications is { } classifications)
        {
            foreach (var classification in classifications)
            {
                WriteClassification(writer, classification);
            }
        }
        else if (answer.Entities is { } entities)
        {
            foreach (var row in entities)
            {
                WriteEntities(writer, row);
            }
        }
        else
        {
            foreach (var vector in answer.Embeddings!.Vectors)
            {
                WriteVector(writer, vector);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteClassification(Utf8JsonWriter writer, ClassificationResult classification)
    {
        writer.WriteStartObject();
        writer.WriteString("label"u8, classification.Label);
        writer.WriteNumber("score"u8, classification.Score);
        writer.WriteStartObject("scores"u8);
        foreach (var score in classification.Scores)
        {
            writer.WriteNumber(score.Label, score.Score);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static void WriteEntities(Utf8JsonWriter writer, IReadOnlyList<Entity> entities)
    {
        writer.WriteStartArray();
        foreach (var entity in entities)
        {
            writer.WriteStartObject();
            writer.WriteString("entity_group"u8, entity.EntityGroup);
            writer.WriteNumber("score"u8, entity.Score);
            writer.WriteString("word"u8, entity.Word);
            writer.WriteNumber("start"u8, entity.Start);
            writer.WriteNumber("end"u8, entity.End);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteVector(Utf8JsonWriter writer, float[] vector)
    {
        writer.WriteStartArray();
        foreach (var value in vector)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }
}
