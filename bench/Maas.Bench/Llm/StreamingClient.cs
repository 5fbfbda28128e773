using System.Diagnostics;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;

namespace Maas.Bench.Llm;

/// <summary>
/// One streamed completion as a benchmark client sees it (vLLM's benchmark_serving rules: TTFT = first chunk with
/// text). <see cref="FirstToLast"/> runs from the arrival of the first text to <c>[DONE]</c>: chunks can queue in
/// socket buffers and be read in a burst, so the last text chunk's arrival would flatter the server; [DONE] cannot come
/// before the last token. For the same reason the tokens that arrived together with the first one
/// (<see cref="FirstBurst"/>) were made before that clock started, and <see cref="DecodeTokens"/> leaves them out.
/// </summary>
internal sealed record StreamSample(TimeSpan TimeToFirstToken, TimeSpan FirstToLast, int CompletionTokens, int FirstBurst, TimeSpan Total)
{
    public int DecodeTokens => CompletionTokens - FirstBurst;
}

internal static class StreamingClient
{
    public static async Task<StreamSample> RunAsync(HttpClient http, Uri server, string model, int[] promptIds, int maxTokens, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["prompt"] = new JsonArray([.. promptIds.Select(id => (JsonNode)id)]),
            ["max_tokens"] = maxTokens,
            ["temperature"] = 0,
            ["ignore_eos"] = true,
            ["stream"] = true,
            ["stream_options"] = new JsonObject { ["include_usage"] = true },
        };
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "/v1/completions")) { Content = JsonContent.Create(body) };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException($"/v1/completions answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        // Read by arrivals, not lines: every event in one read came off the socket at the same instant.
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[64 * 1024];
        var pending = new List<byte>();
        TimeSpan? first = null;
        var tokens = 0;
        var firstBurst = 0;
        var done = false;
        while (!done && await stream.ReadAsync(buffer, cancellationToken) is var read and > 0)
        {
            var arrival = clock.Elapsed;
            var textChunks = 0;
            pending.AddRange(buffer.AsSpan(0, read));
            foreach (var line in TakeLines(pending))
            {
                if (line == "data: [DONE]")
                {
                    done = true;
                    break;
                }

                if (!line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    continue;
                }

                var chunk = JsonNode.Parse(line.AsSpan(6).ToString())!;
                if (chunk["usage"] is JsonObject usage)
                {
                    tokens = usage["completion_tokens"]!.GetValue<int>();
                }

                if (chunk["choices"] is JsonArray { Count: > 0 } choices && choices[0]!["text"]?.GetValue<string>() is { Length: > 0 })
                {
                    textChunks++;
                }
            }

            if (first is null && textChunks > 0)
            {
                first = arrival;
                firstBurst = textChunks;
            }
        }

        return first is { } ttft
            ? new StreamSample(ttft, clock.Elapsed - ttft, tokens, firstBurst, clock.Elapsed)
            : throw new BenchException("a stream ended without any text");
    }

    /// <summary>Removes the complete lines at the front of <paramref name="pending"/> and returns them (UTF-8, no line ends).</summary>
    private static List<string> TakeLines(List<byte> pending)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < pending.Count; i++)
        {
            if (pending[i] == (byte)'\n')
            {
                var end = i > start && pending[i - 1] == (byte)'\r' ? i - 1 : i;
                lines.Add(Encoding.UTF8.GetString(CollectionsMarshal.AsSpan(pending)[start..end]));
                start = i + 1;
            }
        }

        pending.RemoveRange(0, start);
        return lines;
    }
}
