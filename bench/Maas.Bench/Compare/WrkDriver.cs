using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Maas.Bench.Compare;

/// <summary>
/// Drives one server with wrk (C, epoll: the lightest load generator on a machine whose 2 cores the servers need):
/// a warm-up run, then measurement windows until the throughput of the last 3 agrees within 10% (perf_analyzer's rule)
/// or the window budget is spent. Reports the last 3 windows: requests summed, latency percentiles averaged.
/// </summary>
internal sealed class WrkDriver(string wrk, string script, string workDirectory, TimeSpan warmup, TimeSpan window, int maxWindows)
{
    private const int StableWindows = 3;
    private const double Tolerance = 0.10;

    public string Describe() =>
        $"wrk {Version()} with bench/wrk/post.lua (HTTP/1.1 keep-alive, one connection per concurrent client, 1 thread at c = 1 and 2 above, --timeout 30s); {warmup.TotalSeconds:0.#} s warm-up, then {window.TotalSeconds:0.#} s windows until the last 3 agree within 10% (at most {maxWindows})";

    public SeriesPoint Measure(Uri server, string path, string bodiesFile, int concurrency, int? serverPid, string? bearer)
    {
        Run(server, path, bodiesFile, concurrency, warmup, bearer);
        var windows = new List<(WrkSummary Summary, double? Cpu)>();
        var stable = false;
        while (windows.Count < maxWindows)
        {
            var before = ProcessTreeCpu.Seconds(serverPid);
            var summary = Run(server, path, bodiesFile, concurrency, window, bearer);
            var after = ProcessTreeCpu.Seconds(serverPid);
            windows.Add((summary, after - before));
            if (windows.Count >= StableWindows)
            {
                var last = windows.TakeLast(StableWindows).Select(w => w.Summary.Throughput).ToArray();
                var average = last.Average();
                if (average > 0 && last.All(t => Math.Abs(t - average) <= Tolerance * average))
                {
                    stable = true;
                    break;
                }
            }
        }

        var reported = windows.TakeLast(StableWindows).ToList();
        var ok = reported.Sum(w => w.Summary.Ok);
        var seconds = reported.Sum(w => w.Summary.DurationUs) / 1e6;
        var cpu = reported.All(w => w.Cpu is not null) && ok > 0 ? Math.Round(reported.Sum(w => w.Cpu!.Value) * 1e6 / ok, 1) : (double?)null;
        double Ms(Func<WrkSummary, long> pick) => Math.Round(reported.Average(w => pick(w.Summary)) / 1000.0, 3);
        return new SeriesPoint(
            concurrency,
            Math.Round(ok / seconds, 1),
            Ms(s => s.P50Us),
            Ms(s => s.P90Us),
            Ms(s => s.P95Us),
            Ms(s => s.P99Us),
            ok,
            reported.Sum(w => w.Summary.Errors),
            reported.Count,
            stable,
            [.. windows.Select(w => Math.Round(w.Summary.Throughput, 1))],
            cpu,
            null);
    }

    // wrk takes whole seconds: durations are rounded up to at least 1 s.
    private WrkSummary Run(Uri server, string path, string bodiesFile, int concurrency, TimeSpan duration, string? bearer)
    {
        var output = Path.Combine(workDirectory, "wrk-summary.json");
        File.Delete(output);
        var start = new ProcessStartInfo(wrk)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-t", concurrency == 1 ? "1" : "2", "-c", concurrency.ToString(CultureInfo.InvariantCulture),
            "-d", $"{Math.Max(1, (int)Math.Ceiling(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture)}s", "--timeout", "30s", "-s", script, server.AbsoluteUri,
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["WRK_PATH"] = path;
        start.Environment["WRK_BODIES"] = bodiesFile;
        start.Environment["WRK_OUT"] = output;
        start.Environment["WRK_BEARER"] = bearer ?? "";
        using var process = Process.Start(start) ?? throw new BenchException($"cannot start {wrk}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(output))
        {
            throw new BenchException($"wrk against {server}{path.TrimStart('/')} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(output));
        var r = document.RootElement;
        long L(string name) => r.GetProperty(name).GetInt64();
        var errors = L("errors_connect") + L("errors_read") + L("errors_write") + L("errors_status") + L("errors_timeout");
        return new WrkSummary(L("requests") - L("errors_status"), errors, L("duration_us"), L("p50_us"), L("p90_us"), L("p95_us"), L("p99_us"));
    }

    private string Version()
    {
        try
        {
            var start = new ProcessStartInfo(wrk, "-v") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return words.Length > 1 ? words[1] : "?";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }

    /// <summary>One wrk run: completed 2xx requests, every kind of error, and latency percentiles in microseconds.</summary>
    private sealed record WrkSummary(long Ok, long Errors, long DurationUs, long P50Us, long P90Us, long P95Us, long P99Us)
    {
        public double Throughput => DurationUs > 0 ? Ok / (DurationUs / 1e6) : 0;
    }
}
