using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Maas.Bench.Llm;

/// <summary>
/// One streamed completion as a benchmark client sees it (vLLM's benchmark_serving rules: TTFT = first chunk with
/// text). <see cref="FirstToLast"/> runs from the first token to <c>[DONE]</c>: chunks can queue in socket buffers and be
/// read in a burst, so the last text chunk's arrival would flatter the server; [DONE] cannot come before the last token.
/// </summary>
internal sealed record StreamSample(TimeSpan TimeToFirstToken, TimeSpan FirstToLast, int CompletionTokens, TimeSpan Total);

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

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        TimeSpan? first = null;
        var tokens = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                continue;
            }

            if (line == "data: [DONE]")
            {
                break;
            }

            var chunk = JsonNode.Parse(line.AsSpan(6).ToString())!;
            if (chunk["usage"] is JsonObject usage)
            {
                tokens = usage["completion_tokens"]!.GetValue<int>();
            }

            if (chunk["choices"] is JsonArray { Count: > 0 } choices && choices[0]!["text"]?.GetValue<string>() is { Length: > 0 })
            {
                first ??= clock.Elapsed;
            }
        }

        return first is { } ttft
            ? new StreamSample(ttft, clock.Elapsed - ttft, tokens, clock.Elapsed)
            : throw new BenchException("a stream ended without any text");
    }
}
