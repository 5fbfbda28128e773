using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Maas.Cli.Rendering;

/// <summary>
/// Task answers as small tables: one row per instance with its label and best scores for classification, one row per
/// entity for token classification. Anything else (tensors, embeddings) stays JSON.
/// </summary>
internal static class PredictionTables
{
    private const int ScoresShown = 5;

    public static Table? TryBuild(JsonNode? predictions)
    {
        if (predictions is not JsonArray { Count: > 0 } rows)
        {
            return null;
        }

        if (rows.All(r => r is JsonObject o && o["label"] is JsonValue && o["scores"] is JsonObject))
        {
            return Classifications(rows);
        }

        return rows.All(r => r is JsonArray entities && entities.All(e => e is JsonObject o && o["entity_group"] is JsonValue))
            ? Entities(rows)
            : null;
    }

    private static Table Classifications(JsonArray rows)
    {
        var table = new Table().AddColumns("#", "label", "score", "scores");
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i]!;
            var scores = row["scores"]!.AsObject()
                .Select(s => (Label: s.Key, Score: Number(s.Value)))
                .OrderByDescending(s => s.Score)
                .Take(ScoresShown)
                .Select(s => $"{s.Label} {Format(s.Score)}");
            table.AddTextRow(Index(i), Text(row["label"]), Format(Number(row["score"])), string.Join("  ", scores));
        }

        return table;
    }

    private static Table Entities(JsonArray rows)
    {
        var table = new Table().AddColumns("#", "entity", "word", "score", "start", "end");
        for (var i = 0; i < rows.Count; i++)
        {
            foreach (var entity in rows[i]!.AsArray())
            {
                table.AddTextRow(Index(i), Text(entity!["entity_group"]), Text(entity["word"]), Format(Number(entity["score"])),
                    Text(entity["start"]), Text(entity["end"]));
            }
        }

        return table;
    }

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static string Text(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String
        ? value.GetValue<string>()
        : node?.ToJsonString() ?? "";

    private static double Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : double.NaN;

    private static string Format(double score) => score.ToString("0.0000", CultureInfo.InvariantCulture);
}
