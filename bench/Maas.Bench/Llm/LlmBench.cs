using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Maas.Llm;
using Maas.Llm.Sampling;

namespace Maas.Bench.Llm;

/// <summary>
/// <c>maas-bench llm</c>: single-stream decode speed of the server against the raw ORT loop on the same model, then
/// aggregate tokens/s and time to first token at several concurrent streams, written as ratios to BENCHMARKS.md.
/// </summary>
internal static class LlmBench
{
    public static async Task<int> RunAsync(LlmBenchOptions options)
    {
        var (layers, heads, headDim) = ReadShape(options.Folder);
        var prompt = PromptIds(options.Folder);
        var started = DateTime.UtcNow;

        using var loop = new RawDecodeLoop(Path.Combine(options.Folder, "onnx", "model.onnx"), layers, heads, headDim);
        await using var engine = GenerationEngine.Load(options.Folder, new GenerationEngineOptions { IntraOpThreads = 1 });
        using var http = (new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { Timeout = TimeSpan.FromMinutes(5) }).WithKey();

        Console.WriteLine(Inv($"[llm] warm-up: {options.Warmup.TotalSeconds:0.#} s each for the raw loop, the engine in-process and the server"));
        var warmup = Stopwatch.StartNew();
        while (warmup.Elapsed < options.Warmup)
        {
            loop.Run(prompt, options.MaxTokens);
            await EngineRunAsync(engine, prompt, options.MaxTokens);
            await StreamingClient.RunAsync(http, options.Server, options.Model, prompt, options.MaxTokens, CancellationToken.None);
        }

        // This machine's speed drifts by tens of percent within seconds, so one-stream speed is compared run by run:
        // one generation each from the raw loop, the engine and the server, back to back, many times; medians count.
        var rounds = new List<OneStreamRound>();
        var paired = Stopwatch.StartNew();
        while (paired.Elapsed < options.Paired)
        {
            var raw = (options.MaxTokens - 1) / loop.Run(prompt, options.MaxTokens).Decode.TotalSeconds;
            var inProcess = await EngineRunAsync(engine, prompt, options.MaxTokens);
            var sample = await StreamingClient.RunAsync(http, options.Server, options.Model, prompt, options.MaxTokens, CancellationToken.None);
            rounds.Add(new OneStreamRound(raw, inProcess, sample.DecodeTokens / sample.FirstToLast.TotalSeconds));
        }

        Console.WriteLine(Inv($"[llm] one stream, {rounds.Count} rounds: raw {Stats.Median(rounds.Select(r => r.Raw)):0} tokens/s, engine ×{Stats.Median(rounds.Select(r => r.EngineRatio)):0.00}, server ×{Stats.Median(rounds.Select(r => r.ServedRatio)):0.00} (medians)"));

        var points = new List<LlmPoint>();
        foreach (var concurrency in options.Concurrency)
        {
            var point = await MeasureAsync(http, options, prompt, concurrency, options.Warmup, options.Duration);
            points.Add(point);
            Console.WriteLine(Inv($"[llm] c={concurrency}: {point.AggregateTokensPerSecond:0} tokens/s aggregate, {point.StreamDecodeTokensPerSecond:0} tokens/s per stream, TTFT p50 {point.TtftP50Ms:0.0} ms p99 {point.TtftP99Ms:0.0} ms, {point.Requests} requests"));
        }

        var report = LlmReport.Render(options, started, rounds, points);
        Console.WriteLine(report);
        if (options.MarkdownPath is { } markdown)
        {
            LlmReport.Update(markdown, report);
        }

        return 0;
    }

    /// <summary>
    /// One greedy generation through <see cref="GenerationEngine"/> in this process: the engine's decode tokens/s without
    /// HTTP. Measured like the HTTP client: the clock starts when the first token is read, and tokens the engine had
    /// already queued behind it by then are not counted, since they were made before the clock started.
    /// </summary>
    private static async Task<double> EngineRunAsync(GenerationEngine engine, int[] prompt, int maxTokens)
    {
        var sampling = SamplingParameters.Greedy with { MaxTokens = maxTokens, IgnoreEos = true };
        await using var tokens = engine.GenerateAsync(prompt, sampling).GetAsyncEnumerator();
        if (!await tokens.MoveNextAsync())
        {
            throw new BenchException("the engine produced no token");
        }

        var run = Stopwatch.StartNew();
        var counted = 0;
        var inFirstBurst = true;
        while (true)
        {
            var next = tokens.MoveNextAsync();
            inFirstBurst &= next.IsCompleted;
            if (!await next)
            {
                break;
            }

            counted += inFirstBurst ? 0 : 1;
        }

        return counted / run.Elapsed.TotalSeconds;
    }

    private static async Task<LlmPoint> MeasureAsync(
        HttpClient http, LlmBenchOptions options, int[] prompt, int concurrency, TimeSpan warmup, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource();
        var samples = new List<StreamSample>();
        var measuring = false;
        var measureStart = Stopwatch.StartNew();
        var errors = 0;

        async Task WorkerAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var sample = await StreamingClient.RunAsync(http, options.Server, options.Model, prompt, options.MaxTokens, CancellationToken.None);
                    lock (samples)
                    {
                        if (measuring && !stop.IsCancellationRequested)
                        {
                            samples.Add(sample);
                        }
                    }
                }
                catch (Exception ex) when (ex is BenchException or HttpRequestException or IOException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }

        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)).ToArray();
        await Task.Delay(warmup);
        lock (samples)
        {
            measuring = true;
            measureStart.Restart();
        }

        await Task.Delay(duration);
        double elapsed;
        lock (samples)
        {
            stop.Cancel();
            elapsed = measureStart.Elapsed.TotalSeconds;
        }

        await Task.WhenAll(workers);
        if (samples.Count == 0)
        {
            throw new BenchException($"no request completed at concurrency {concurrency} within {duration.TotalSeconds} s; raise --duration");
        }

        // Requests that finished inside the window over the window: a slight undercount of work in flight at its edges.
        var tokens = samples.Sum(s => (long)s.CompletionTokens);
        var ttft = samples.Select(s => s.TimeToFirstToken.TotalMilliseconds).Order().ToArray();
        var decodeSeconds = samples.Sum(s => s.FirstToLast.TotalSeconds);
        var decodeTokens = samples.Sum(s => (long)s.DecodeTokens);
        return new LlmPoint(
            concurrency,
            samples.Count,
            errors,
            tokens / elapsed,
            decodeTokens / decodeSeconds,
            Stats.NearestRank(ttft, 0.5),
            Stats.NearestRank(ttft, 0.99));
    }

    private static (int Layers, int Heads, int HeadDim) ReadShape(string folder)
    {
        using var config = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "config.json")));
        var root = config.RootElement;
        var layers = root.GetProperty("n_layer").GetInt32();
        var heads = root.GetProperty("n_head").GetInt32();
        return (layers, heads, root.GetProperty("n_embd").GetInt32() / heads);
    }

    /// <summary>The first expected.json prompt's ids, so server and raw loop start from identical tokens.</summary>
    private static int[] PromptIds(string folder)
    {
        using var expected = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "expected.json")));
        return [.. expected.RootElement.GetProperty("generations")[0].GetProperty("prompt_ids").EnumerateArray().Select(i => i.GetInt32())];
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One round of the one-stream comparison: a generation each, back to back, as decode tokens/s.</summary>
internal sealed record OneStreamRound(double Raw, double Engine, double Served)
{
    public double EngineRatio => Engine / Raw;

    public double ServedRatio => Served / Raw;
}

internal sealed record LlmPoint(
    int Concurrency, int Requests, int Errors, double AggregateTokensPerSecond, double StreamDecodeTokensPerSecond, double TtftP50Ms, double TtftP99Ms);
