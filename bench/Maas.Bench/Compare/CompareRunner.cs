using System.Globalization;
using System.Text.Json;

namespace Maas.Bench.Compare;

/// <summary>
/// The comparison behind bench/compare.sh: per model, verify every server against expected.json, then at each
/// concurrency measure raw ORT batched and every server back to back (so drift in the machine's load hits all of them
/// alike), then check the targets and write the results, the chart and the BENCHMARKS.md section.
/// </summary>
internal static class CompareRunner
{
    public const string RawKey = "raw-ort";

    public static async Task<int> RunAsync(CompareOptions options)
    {
        var started = DateTimeOffset.UtcNow;
        var loadBefore = BenchResults.LoadAverage();
        var wrk = new WrkDriver(options.Wrk, options.WrkScript, options.WorkDirectory, options.Warmup, options.Window, options.MaxWindows);
        var models = new List<ModelComparison>();
        foreach (var model in options.Models)
        {
            var workload = Workload.Load(options.ModelsDirectory, model);
            var bodies = Path.Combine(options.WorkDirectory, $"{model}.bodies");
            await File.WriteAllTextAsync(bodies, workload.BodiesFileText());
            foreach (var server in options.Servers)
            {
                await HttpVerifier.VerifyAsync(server.Label, server.Url, server.PathFor(model), workload, server.Bearer);
            }

            Log($"{model}: every server reproduces expected.json's {workload.Rows.Count} rows (tolerance {Workload.Tolerance})");
            var points = options.Servers.ToDictionary(s => s.Key, _ => new List<SeriesPoint>());
            points[RawKey] = [];
            using var raw = new BatchedOrtRunner(workload);
            foreach (var concurrency in options.Concurrency)
            {
                var batch = Math.Min(concurrency, options.MaxBatchSize);
                Settle();
                var rawPoint = raw.Measure(concurrency, batch, options.Instances, options.Warmup, options.Window * 3);
                points[RawKey].Add(rawPoint);
                Log(Line(model, "raw ORT batched", rawPoint));
                foreach (var server in options.Servers)
                {
                    Settle();
                    var statsPath = server.StatsPathFor?.Invoke(model);
                    var before = statsPath is null ? default : await ServerStats.ReadAsync(server.Url, statsPath, server.Bearer);
                    var point = wrk.Measure(server.Url, server.PathFor(model), bodies, concurrency, server.Pid, server.Bearer);
                    if (statsPath is not null)
                    {
                        var after = await ServerStats.ReadAsync(server.Url, statsPath, server.Bearer);
                        var runs = after.Executions - before.Executions;
                        point = point with { RowsPerRun = runs > 0 ? (after.Inferences - before.Inferences) / (double)runs : null };
                    }

                    points[server.Key].Add(point);
                    Log(Line(model, server.Label, point));
                }
            }

            var series = new List<SeriesResult>
            {
                new(RawKey, "raw ORT, batched (ceiling)", $"ONNX Runtime in the bench process, `maas serve`'s session options, batches of min(c, {options.MaxBatchSize}) rows on {options.Instances} thread(s) (the batcher's instances); rows/s", points[RawKey]),
            };
            series.AddRange(options.Servers.Select(s => new SeriesResult(s.Key, s.Label, s.Description, points[s.Key])));
            models.Add(new ModelComparison(model, workload.Description, series));
        }

        var targets = Targets.Check(models);
        var stamp = started.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string? chart = null;
        string? resultsFile = null;
        if (options.ResultsDirectory is { } directory)
        {
            Directory.CreateDirectory(directory);
            chart = Path.Combine(directory, $"throughput-{stamp}.png");
            ThroughputChart.Render(models, chart);
            Log($"wrote {chart}");
        }

        var results = new CompareResults(
            "throughput", started, options.Command, MachineInfo.Detect(), wrk.Describe(), options.Warmup.TotalSeconds, options.Window.TotalSeconds,
            options.MaxWindows, models, targets, loadBefore, BenchResults.LoadAverage(), chart is null ? null : Path.GetFileName(chart));
        if (options.ResultsDirectory is { } dir)
        {
            resultsFile = Path.Combine(dir, $"throughput-{stamp}.json");
            await File.WriteAllTextAsync(resultsFile, JsonSerializer.Serialize(results, CompareJsonContext.Default.CompareResults) + "\n");
            Log($"wrote {resultsFile}");
        }

        var section = CompareReport.Render(results, resultsFile, chart);
        if (options.MarkdownPath is { } markdown)
        {
            CompareReport.Update(markdown, section);
            Log($"updated {markdown}");
        }

        Console.WriteLine();
        Console.WriteLine(section);
        return 0;
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Thread.Sleep(300);
    }

    private static string Line(string model, string who, SeriesPoint p) => string.Create(
        CultureInfo.InvariantCulture,
        $"{model} c={p.Concurrency,-3} {who,-30} {p.Throughput,10:N0}/s  p50 {p.P50Ms,8:0.000} ms  p99 {p.P99Ms,8:0.000} ms  errors {p.Errors}  {(p.Stable ? "stable" : "unstable")} [{string.Join(' ', p.WindowThroughputs.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))}]{(p.ServerCpuUsPerRequest is { } cpu ? $"  server {cpu:0.0} us CPU/req" : "")}{(p.RowsPerRun is { } rows ? $"  {rows:0.0} requests/run" : "")}");

    private static void Log(string message) => Console.WriteLine($"[compare] {message}");
}
