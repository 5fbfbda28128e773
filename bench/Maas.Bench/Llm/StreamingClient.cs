using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
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

        // Read by arrivals, not lines: every event in one read came off the socket at the same instant. Parsing is kept
        // allocation-free, since this client shares the cores with the server it measures.
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[64 * 1024];
        var filled = 0;
        TimeSpan? first = null;
        var tokens = 0;
        var firstBurst = 0;
        var done = false;
        while (!done)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                break;
            }

            var arrival = clock.Elapsed;
            filled += read;
            var textChunks = 0;
            var consumed = 0;
            while (!done && buffer.AsSpan(consumed, filled - consumed).IndexOf((byte)'\n') is var newline and >= 0)
            {
                var line = buffer.AsSpan(consumed, newline).TrimEnd((byte)'\r');
                consumed += newline + 1;
                if (line.SequenceEqual("data: [DONE]"u8))
                {
                    done = true;
                }
                else if (line.StartsWith("data: "u8))
                {
                    var (hasText, completionTokens) = ScanChunk(line[6..]);
                    textChunks += hasText ? 1 : 0;
                    tokens = completionTokens ?? tokens;
                }
            }

            buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
            filled -= consumed;
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

    /// <summary>Whether a completion chunk carries text, and its usage's completion_tokens if it has one.</summary>
    private static (bool HasText, int? CompletionTokens) ScanChunk(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var hasText = false;
        int? completionTokens = null;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.ValueTextEquals("text"u8) && reader.Read() && reader.TokenType == JsonTokenType.String)
            {
                hasText |= reader.ValueSpan.Length > 0;
            }
            else if (reader.ValueTextEquals("completion_tokens"u8) && reader.Read() && reader.TokenType == JsonTokenType.Number)
            {
                completionTokens = reader.GetInt32();
            }
        }

        return (hasText, completionTokens);
    }
}
