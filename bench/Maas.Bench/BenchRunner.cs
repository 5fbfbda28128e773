using System.Globalization;
using System.Text.Json;

namespace Maas.Bench;

/// <summary>Verifies both sides against expected.json, sweeps the concurrency levels, and writes the results.</summary>
internal static class BenchRunner
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var started = DateTimeOffset.UtcNow;
        var loadBefore = BenchResults.LoadAverage();
        var fixture = Fixture.Load(options.ExpectedPath);
        using var raw = new RawOrtRunner(options.OnnxPath, fixture);
        var http = new HttpRunner(options.Server, options.ModelName, raw.InputName, fixture);

        raw.Verify();
        await http.VerifyAsync();
        Log($"verified: raw ORT and {options.Server} both reproduce expected.json's {fixture.Rows.Length} rows (tolerance {Fixture.Tolerance})");

        var probe = new CpuProbe(options.ServerPid);
        var points = new List<ConcurrencyResult>();
        foreach (var concurrency in options.Concurrency)
        {
            Settle();
            var rawResult = raw.Measure(concurrency, options.Warmup, options.Duration, probe);
            Log(Line("raw ORT", concurrency, rawResult));
            Settle();
            var maasResult = await http.MeasureAsync(concurrency, options.Warmup, options.Duration, probe);
            Log(Line("maas   ", concurrency, maasResult));
            Settle();
            var floorResult = await http.MeasureAsync(concurrency, options.Warmup, options.Duration, probe, floor: true);
            Log(Line("floor  ", concurrency, floorResult));
            var ratio = rawResult.Rps > 0 ? Math.Round(maasResult.Rps / rawResult.Rps, 4) : double.NaN;
            var floorRatio = floorResult.Rps > 0 ? Math.Round(maasResult.Rps / floorResult.Rps, 4) : double.NaN;
            points.Add(new ConcurrencyResult(concurrency, rawResult, maasResult, ratio, floorResult, floorRatio));
        }

        var targetPoint = points.FirstOrDefault(p => p.Concurrency == options.TargetConcurrency);
        var target = new TargetResult(
            options.TargetConcurrency,
            options.TargetRatio,
            targetPoint?.Ratio,
            targetPoint is not null && targetPoint.Ratio >= options.TargetRatio && targetPoint.Maas.Errors == 0);

        var results = new BenchResults(
            "foundation",
            started,
            options.Command,
            MachineInfo.Detect(),
            new BenchSettings(
                options.ModelName,
                options.Server.ToString(),
                options.ServerArguments,
                $"one row `[1,{fixture.Width}]` per request, the {fixture.Rows.Length} rows of expected.json cycled",
                RawOrtRunner.SessionDescription,
                "c concurrent HTTP/1.1 keep-alive clients (one HttpClient, SocketsHttpHandler, MaxConnectionsPerServer = c) POSTing V2 JSON to /v2/models/{name}/infer",
                options.Warmup.TotalSeconds,
                options.Duration.TotalSeconds,
                options.Concurrency),
            points,
            target,
            loadBefore,
            BenchResults.LoadAverage());

        string? resultsFile = null;
        if (options.ResultsDirectory is { } directory)
        {
            Directory.CreateDirectory(directory);
            resultsFile = Path.Combine(directory, $"foundation-{started:yyyy-MM-dd}.json");
            await File.WriteAllTextAsync(resultsFile, JsonSerializer.Serialize(results, ResultsJsonContext.Default.BenchResults) + "\n");
            Log($"wrote {resultsFile}");
        }

        if (options.MarkdownPath is { } markdown)
        {
            MarkdownReport.Update(markdown, results, resultsFile);
            Log($"updated {markdown}");
        }

        Console.WriteLine();
        Console.WriteLine(MarkdownReport.Render(results, options.MarkdownPath ?? "BENCHMARKS.md", resultsFile));
        return 0;
    }

    /// <summary>Leaves the previous point's garbage and connections out of the next point's numbers.</summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Thread.Sleep(250);
    }

    private static string Line(string side, int concurrency, PointResult r) => string.Create(
        CultureInfo.InvariantCulture,
        $"c={concurrency,-3} {side} {r.Rps,10:N0} req/s  p50 {r.P50Ms,8:0.000} ms  p90 {r.P90Ms,8:0.000} ms  p99 {r.P99Ms,8:0.000} ms  errors {r.Errors}  cpu: bench {r.BenchCpuUsPerRequest:0.0} us/req, server {r.ServerCpuUsPerRequest:0.0} us/req");

    private static void Log(string message) => Console.WriteLine($"[bench] {message}");
}
