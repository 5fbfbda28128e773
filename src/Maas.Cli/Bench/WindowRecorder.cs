using System.Diagnostics;

namespace Maas.Cli.Bench;

/// <summary>
/// Collects completions into consecutive measurement windows that start after the warm-up. A completion belongs to the
/// window its end time falls in; what finishes during the warm-up or after the last window is not counted.
/// </summary>
internal sealed class WindowRecorder(long measureStart, long windowTicks, int maxWindows)
{
    private readonly List<long>[] _latencies = [.. Enumerable.Range(0, maxWindows).Select(_ => new List<long>())];
    private readonly Dictionary<int, long>[] _errors = [.. Enumerable.Range(0, maxWindows).Select(_ => new Dictionary<int, long>())];

    public long MeasureStart => measureStart;

    public long WindowEnd(int window) => measureStart + ((window + 1) * windowTicks);

    /// <summary>Records one request; <paramref name="status"/> is the HTTP status, or 0 for a transport failure.</summary>
    public void Record(long start, long end, int status)
    {
        if (end < measureStart)
        {
            return;
        }

        var window = (int)((end - measureStart) / windowTicks);
        if (window >= maxWindows)
        {
            return;
        }

        lock (_latencies[window])
        {
            if (status is >= 200 and < 300)
            {
                _latencies[window].Add(end - start);
            }
            else
            {
                _errors[window][status] = _errors[window].GetValueOrDefault(status) + 1;
            }
        }
    }

    public double Throughput(int window)
    {
        lock (_latencies[window])
        {
            return _latencies[window].Count / Seconds(1);
        }
    }

    public LevelResult Summarise(string mode, double load, int firstWindow, int windows, bool stable, int batch)
    {
        var all = new List<long>();
        var errors = new Dictionary<int, long>();
        var throughputs = new List<double>();
        for (var w = firstWindow; w < firstWindow + windows; w++)
        {
            lock (_latencies[w])
            {
                all.AddRange(_latencies[w]);
                throughputs.Add(Math.Round(_latencies[w].Count / Seconds(1), 1));
                foreach (var (status, count) in _errors[w])
                {
                    errors[status] = errors.GetValueOrDefault(status) + count;
                }
            }
        }

        all.Sort();
        var seconds = Seconds(windows);
        var throughput = all.Count / seconds;
        return new LevelResult(
            mode,
            load,
            all.Count,
            errors.Values.Sum(),
            Math.Round(seconds, 3),
            Math.Round(throughput, 1),
            Math.Round(throughput * batch, 1),
            Percentile(all, 0.50),
            Percentile(all, 0.90),
            Percentile(all, 0.95),
            Percentile(all, 0.99),
            all.Count == 0 ? double.NaN : Ms((long)all.Average()),
            all.Count == 0 ? double.NaN : Ms(all[^1]),
            windows,
            stable,
            throughputs,
            errors);
    }

    private double Seconds(int windows) => windows * windowTicks / (double)Stopwatch.Frequency;

    /// <summary>Nearest-rank percentile, in milliseconds.</summary>
    private static double Percentile(List<long> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : Ms(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)]);

    private static double Ms(long ticks) => Math.Round(ticks * 1000.0 / Stopwatch.Frequency, 3);
}
