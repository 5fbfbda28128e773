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

        Console.WriteLine($"[llm] raw ORT loop: {options.MaxTokens} tokens per run, {options.Duration.TotalSeconds:0.#} s");
        var raw = RawDecode(Path.Combine(options.Folder, "onnx", "model.onnx"), layers, heads, headDim, prompt, options);
        Console.WriteLine(Inv($"[llm] raw decode {raw:0} tokens/s"));
        var engine = await EngineDecodeAsync(options, prompt);
        Console.WriteLine(Inv($"[llm] engine in-process decode {engine:0} tokens/s"));

        using var http = (new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { Timeout = TimeSpan.FromMinutes(5) }).WithKey();
        var points = new List<LlmPoint>();
        foreach (var concurrency in options.Concurrency)
        {
            var point = await MeasureAsync(http, options, prompt, concurrency);
            points.Add(point);
            Console.WriteLine(Inv($"[llm] c={concurrency}: {point.AggregateTokensPerSecond:0} tokens/s aggregate, {point.StreamDecodeTokensPerSecond:0} tokens/s per stream, TTFT p50 {point.TtftP50Ms:0.0} ms p99 {point.TtftP99Ms:0.0} ms, {point.Requests} requests"));
        }

        var report = LlmReport.Render(options, started, raw, engine, points);
        Console.WriteLine(report);
        if (options.MarkdownPath is { } markdown)
        {
            LlmReport.Update(markdown, report);
        }

        return 0;
    }

    private static double RawDecode(string onnx, int layers, int heads, int headDim, int[] prompt, LlmBenchOptions options)
    {
        using var loop = new RawDecodeLoop(onnx, layers, heads, headDim);
        var warmupEnd = Stopwatch.StartNew();
        while (warmupEnd.Elapsed < options.Warmup)
        {
            loop.Run(prompt, options.MaxTokens);
        }

        var decode = TimeSpan.Zero;
        var tokens = 0L;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < options.Duration)
        {
            var (_, d) = loop.Run(prompt, options.MaxTokens);
            decode += d;
            tokens += options.MaxTokens - 1;
        }

        return tokens / decode.TotalSeconds;
    }

    /// <summary>The same greedy stream through <see cref="GenerationEngine"/> in this process: the engine's cost without HTTP.</summary>
    private static async Task<double> EngineDecodeAsync(LlmBenchOptions options, int[] prompt)
    {
        await using var engine = GenerationEngine.Load(options.Folder, new GenerationEngineOptions { IntraOpThreads = 1 });
        var sampling = SamplingParameters.Greedy with { MaxTokens = options.MaxTokens, IgnoreEos = true };
        var decode = TimeSpan.Zero;
        var tokens = 0L;
        var clock = Stopwatch.StartNew();
        var warm = false;
        while (clock.Elapsed < options.Warmup + options.Duration)
        {
            var count = 0;
            var run = new Stopwatch();
            await foreach (var _ in engine.GenerateAsync(prompt, sampling))
            {
                if (count++ == 0)
                {
                    run.Start();
                }
            }

            if (!warm && clock.Elapsed < options.Warmup)
            {
                continue;
            }

            warm = true;
            decode += run.Elapsed;
            tokens += count - 1;
        }

        return tokens / decode.TotalSeconds;
    }

    private static async Task<LlmPoint> MeasureAsync(HttpClient http, LlmBenchOptions options, int[] prompt, int concurrency)
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
        await Task.Delay(options.Warmup);
        lock (samples)
        {
            measuring = true;
            measureStart.Restart();
        }

        await Task.Delay(options.Duration);
        double elapsed;
        lock (samples)
        {
            stop.Cancel();
            elapsed = measureStart.Elapsed.TotalSeconds;
        }

        await Task.WhenAll(workers);
        if (samples.Count == 0)
        {
            throw new BenchException($"no request completed at concurrency {concurrency} within {options.Duration.TotalSeconds} s; raise --duration");
        }

        // Requests that finished inside the window over the window: a slight undercount of work in flight at its edges.
        var tokens = samples.Sum(s => (long)s.CompletionTokens);
        var ttft = samples.Select(s => s.TimeToFirstToken.TotalMilliseconds).Order().ToArray();
        var decodeSeconds = samples.Sum(s => s.FirstToLast.TotalSeconds);
        var decodeTokens = samples.Sum(s => (long)s.CompletionTokens - 1);
        return new LlmPoint(
            concurrency,
            samples.Count,
            errors,
            tokens / elapsed,
            decodeTokens / decodeSeconds,
            Percentile(ttft, 0.5),
            Percentile(ttft, 0.99));
    }

    private static double Percentile(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

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

internal sealed record LlmPoint(
    int Concurrency, int Requests, int Errors, double AggregateTokensPerSecond, double StreamDecodeTokensPerSecond, double TtftP50Ms, double TtftP99Ms);
