using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Maas.Bench.Llm;

/// <summary>
/// One streamed completion as a benchmark client sees it (vLLM's benchmark_serving rules: TTFT = first chunk with
/// text). <see cref="FirstToLast"/> runs from the arrival of the first text to <c>[DONE]</c>: chunks can queue in
/// socket buffers and be read in a burst, so the last text chunk's arrival would flatter the server; [DONE] cannot come
/// before the last token. For the same reason the tokens that were already waiting when that clock started — the
/// ones read with the first text, and any read after it without the read having to wait (<see cref="FirstBurst"/>)
/// — were made before it, and <see cref="DecodeTokens"/> leaves them out. Tokens are counted from each chunk's
/// <c>token_ids</c> (vLLM's <c>return_token_ids</c>), since a chunk carries every token since the previous one and a
/// token that completes no character yields no chunk of its own.
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
            ["return_token_ids"] = true,
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
        int? usageTokens = null;
        var firstBurst = 0;
        var inFirstBurst = true;
        var done = false;
        while (!done)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var pending = stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            var waited = !pending.IsCompleted;
            var read = await pending;
            if (read == 0)
            {
                break;
            }

            var arrival = clock.Elapsed;
            filled += read;
            var hasText = false;
            var readTokens = 0;
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
                    var chunk = ScanChunk(line[6..]);
                    hasText |= chunk.HasText;
                    readTokens += chunk.TokenIds;
                    usageTokens = chunk.CompletionTokens ?? usageTokens;
                }
            }

            buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
            filled -= consumed;
            tokens += readTokens;
            if (first is null)
            {
                // A token that completes no character rides in the next chunk, so this read holds every token so far.
                if (hasText)
                {
                    first = arrival;
                    firstBurst = tokens;
                }
            }
            else if (inFirstBurst && !waited)
            {
                firstBurst += readTokens;
            }
            else
            {
                inFirstBurst = false;
            }
        }

        if (usageTokens != tokens)
        {
            throw new BenchException($"the stream's token_ids add up to {tokens} tokens but its usage says {usageTokens}");
        }

        return first is { } ttft
            ? new StreamSample(ttft, clock.Elapsed - ttft, tokens, firstBurst, clock.Elapsed)
            : throw new BenchException("a stream ended without any text");
    }

    /// <summary>Whether a completion chunk carries text, how many token ids, and its usage's completion_tokens if it has one.</summary>
    private static (bool HasText, int TokenIds, int? CompletionTokens) ScanChunk(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var hasText = false;
        var tokenIds = 0;
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
            else if (reader.ValueTextEquals("token_ids"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.Number)
                {
                    tokenIds++;
                }
            }
            else if (reader.ValueTextEquals("completion_tokens"u8) && reader.Read() && reader.TokenType == JsonTokenType.Number)
            {
                completionTokens = reader.GetInt32();
            }
        }

        return (hasText, tokenIds, completionTokens);
    }
}
