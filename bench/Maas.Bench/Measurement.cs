using System.Diagnostics;

namespace Maas.Bench;

/// <summary>
/// The time line of one measured point: everything finishing before <see cref="MeasureStart"/> is warm-up; completions in
/// [<see cref="MeasureStart"/>, <see cref="End"/>) are counted; workers stop at the first completion at or after
/// <see cref="End"/>. All values are <see cref="Stopwatch"/> timestamps.
/// </summary>
internal readonly record struct Window(long MeasureStart, long End)
{
    public static Window StartingNow(TimeSpan warmup, TimeSpan duration)
    {
        var now = Stopwatch.GetTimestamp();
        var measureStart = now + ToTicks(warmup);
        return new Window(measureStart, measureStart + ToTicks(duration));
    }

    public bool Counts(long completed) => completed >= MeasureStart && completed < End;

    public double Seconds => (End - MeasureStart) / (double)Stopwatch.Frequency;

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}

/// <summary>What one worker saw inside the measured window: a latency per completed call, and failed calls.</summary>
internal sealed class WorkerLog
{
    public List<long> Latencies { get; } = new(capacity: 1 << 16);

    public long Errors { get; set; }

    /// <summary>
    /// Records a call that started at <paramref name="start"/> and ended now, if it ended inside the window; returns
    /// false once the window is over, when the worker should stop.
    /// </summary>
    public bool Record(Window window, long start, bool failed)
    {
        var end = Stopwatch.GetTimestamp();
        if (window.Counts(end))
        {
            if (failed)
            {
                Errors++;
            }
            else
            {
                Latencies.Add(end - start);
            }
        }

        return end < window.End;
    }
}

/// <summary>Throughput and latency of one side (raw ORT or Maas) at one concurrency.</summary>
internal sealed record PointResult(
    long Requests,
    long Errors,
    double Seconds,
    double Rps,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MeanMs,
    double MaxMs,
    double BenchCpuCores,
    double? ServerCpuCores,
    double BenchCpuUsPerRequest,
    double? ServerCpuUsPerRequest)
{
    public static PointResult From(Window window, IReadOnlyList<WorkerLog> logs, CpuUse cpu)
    {
        var all = new long[logs.Sum(l => l.Latencies.Count)];
        var offset = 0;
        foreach (var log in logs)
        {
            log.Latencies.CopyTo(all, offset);
            offset += log.Latencies.Count;
        }

        Array.Sort(all);
        var seconds = window.Seconds;
        return new PointResult(
            Requests: all.Length,
            Errors: logs.Sum(l => l.Errors),
            Seconds: Math.Round(seconds, 3),
            Rps: Math.Round(all.Length / seconds, 1),
            P50Ms: Percentile(all, 0.50),
            P90Ms: Percentile(all, 0.90),
            P99Ms: Percentile(all, 0.99),
            MeanMs: all.Length == 0 ? double.NaN : Round(all.Average() * 1000.0 / Stopwatch.Frequency),
            MaxMs: all.Length == 0 ? double.NaN : ToMs(all[^1]),
            BenchCpuCores: Math.Round(cpu.BenchSeconds / seconds, 2),
            ServerCpuCores: cpu.ServerSeconds is { } server ? Math.Round(server / seconds, 2) : null,
            BenchCpuUsPerRequest: PerRequest(cpu.BenchSeconds, all.Length),
            ServerCpuUsPerRequest: cpu.ServerSeconds is { } s ? PerRequest(s, all.Length) : null);
    }

    /// <summary>Nearest-rank percentile of sorted timestamps deltas, in milliseconds.</summary>
    private static double Percentile(long[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p * sorted.Length);
        return ToMs(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)]);
    }

    private static double PerRequest(double cpuSeconds, long requests) =>
        requests == 0 ? double.NaN : Math.Round(cpuSeconds * 1e6 / requests, 2);

    private static double ToMs(long ticks) => Round(ticks * 1000.0 / Stopwatch.Frequency);

    private static double Round(double ms) => Math.Round(ms, 4);
}
