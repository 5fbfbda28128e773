using System.Text.Json;
using System.Text.Json.Nodes;

namespace Maas.Cli.Commands;

/// <summary>Turns one of <c>--json</c>, <c>--text</c> or <c>--image</c> into the <c>instances</c> array of a predict call.</summary>
internal static class PredictInput
{
    public static JsonArray FromJson(string json)
    {
        // curl's convention: @FILE reads the value from a file, for batches too long for a command line.
        if (json.StartsWith('@'))
        {
            var path = json[1..];
            json = File.Exists(path) ? File.ReadAllText(path) : throw new CliException($"no such JSON file: {path}");
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new CliException($"--json is not valid JSON: {ex.Message}");
        }

        return node as JsonArray ?? throw new CliException(
            $"--json must be a JSON array of instances, e.g. [[0.5, 1.0]] or [\"some text\"], not {Describe(node)}");
    }

    public static JsonArray FromText(string text) => [text];

    public static JsonArray FromImage(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"no such image file: {path}");
        }

        return [new JsonObject { ["b64"] = Convert.ToBase64String(File.ReadAllBytes(path)) }];
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        _ => $"a single {node.GetValueKind().ToString().ToLowerInvariant()}",
    };
}
