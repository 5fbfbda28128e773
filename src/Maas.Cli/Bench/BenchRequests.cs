using System.Text;
using System.Text.Json.Nodes;

namespace Maas.Cli.Bench;

/// <summary>The request a bench sends: one route and a few JSON bodies, prepared once and sent in turn.</summary>
internal sealed record BenchRequests(string Path, IReadOnlyList<byte[]> Bodies, string Source)
{
    public static string PathFor(BenchProtocol protocol, string reference) => protocol switch
    {
        BenchProtocol.V2 => $"v2/models/{Uri.EscapeDataString(reference)}/infer",
        BenchProtocol.Predict => $"v1/models/{Uri.EscapeDataString(reference)}:predict",
        _ => "v1/chat/completions",
    };

    /// <summary>
    /// Reads bodies from a file: a JSON object is one request body; an array of objects is several, sent in turn; for
    /// <c>:predict</c> an array of anything else is the <c>instances</c> of one body.
    /// </summary>
    public static BenchRequests FromFile(BenchProtocol protocol, string reference, string file)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(file));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new CliException($"--input {file} is not valid JSON: {e.Message}");
        }

        List<JsonObject> bodies = root switch
        {
            JsonObject one => [one],
            JsonArray array when array.Count > 0 && array.All(item => item is JsonObject) => [.. array.Cast<JsonObject>()],
            JsonArray array when protocol == BenchProtocol.Predict && array.Count > 0 => [new JsonObject { ["instances"] = array.DeepClone() }],
            _ => throw new CliException($"--input {file} must hold a request body (a JSON object) or a non-empty array of them"),
        };
        if (protocol == BenchProtocol.OpenAi)
        {
            foreach (var body in bodies)
            {
                body["model"] ??= reference;
            }
        }

        return new BenchRequests(PathFor(protocol, reference), [.. bodies.Select(Encode)], $"{bodies.Count} request bodies from {file}");
    }

    /// <summary>A short chat completion, for OpenAI routes without an input file.</summary>
    public static BenchRequests DefaultChat(string reference) => new(
        PathFor(BenchProtocol.OpenAi, reference),
        [Encode(new JsonObject
        {
            ["model"] = reference,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Say hello." }),
            ["max_tokens"] = 16,
        })],
        "one short chat completion (max_tokens 16)");

    private static byte[] Encode(JsonNode body) => Encoding.UTF8.GetBytes(body.ToJsonString());
}
