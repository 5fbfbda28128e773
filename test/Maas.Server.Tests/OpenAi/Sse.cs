using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Maas.Server.Tests.OpenAi;

/// <summary>A plain SSE reader: the <c>data:</c> payloads of a streamed OpenAI answer, in order, up to <c>[DONE]</c>.</summary>
public static class Sse
{
    public static async Task<SseResult> PostAsync(HttpClient client, string path, JsonNode body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<JsonNode>();
        var done = false;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            Assert.StartsWith("data: ", line, StringComparison.Ordinal);
            Assert.False(done, "nothing may follow [DONE]");
            var payload = line["data: ".Length..];
            if (payload == "[DONE]")
            {
                done = true;
                continue;
            }

            events.Add(JsonNode.Parse(payload)!);
        }

        Assert.True(done, "the stream must end with data: [DONE]");
        return new SseResult(events);
    }
}

public sealed record SseResult(IReadOnlyList<JsonNode> Events)
{
    /// <summary>The events that carry choices, i.e. all but a trailing usage chunk.</summary>
    public IEnumerable<JsonNode> ChoiceEvents => Events.Where(e => e["choices"] is JsonArray { Count: > 0 });

    public IEnumerable<JsonNode> ChoicesOf(int index) =>
        ChoiceEvents.SelectMany(e => e["choices"]!.AsArray()).Where(c => c!["index"]!.GetValue<int>() == index).Select(c => c!);
}
