using System.Diagnostics;
using System.Net.Http.Headers;

namespace Maas.Cli.Bench;

/// <summary>
/// Drives one load level against a server and measures it window by window until the throughput is stable.
/// Closed loop: <c>c</c> workers each keep one request in flight. Open loop: requests start on a fixed schedule.
/// </summary>
internal sealed class LoadGenerator(HttpClient client, BenchRequests requests, BenchPlan plan)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private volatile bool _stop;

    public async Task<LevelResult> RunConcurrencyAsync(int concurrency, CancellationToken cancellationToken)
    {
        _stop = false;
        var recorder = NewRecorder();
        var workers = Enumerable.Range(0, concurrency)
            .Select(i => Task.Run(() => WorkAsync(i, recorder, cancellationToken), cancellationToken))
            .ToArray();
        var (first, windows, stable) = await WatchAsync(recorder, cancellationToken).ConfigureAwait(false);
        _stop = true;
        await Task.WhenAll(workers).ConfigureAwait(false);
        return recorder.Summarise("concurrency", concurrency, first, windows, stable, plan.Batch);
    }

    public async Task<LevelResult> RunRateAsync(double rate, CancellationToken cancellationToken)
    {
        _stop = false;
        var recorder = NewRecorder();
        using var slots = new SemaphoreSlim(plan.MaxInFlight);
        var pending = new List<Task>();
        var dispatcher = Task.Run(
            async () =>
            {
                var interval = Stopwatch.Frequency / rate;
                var origin = Stopwatch.GetTimestamp();
                long sent = 0;
                while (!_stop)
                {
                    // Start every request whose scheduled time has come; timers are coarse, so several may be due.
                    var due = (long)((Stopwatch.GetTimestamp() - origin) / interval) + 1;
                    for (; sent < due && !_stop; sent++)
                    {
                        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                        var index = (int)(sent % requests.Bodies.Count);
                        pending.Add(SendAndReleaseAsync(index, recorder, slots, cancellationToken));
                    }

                    pending.RemoveAll(t => t.IsCompleted);
                    await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                }
            },
            cancellationToken);
        var (first, windows, stable) = await WatchAsync(recorder, cancellationToken).ConfigureAwait(false);
        _stop = true;
        await dispatcher.ConfigureAwait(false);
        await Task.WhenAll(pending).ConfigureAwait(false);
        return recorder.Summarise("rate", rate, first, windows, stable, plan.Batch);
    }

    /// <summary>Waits window by window; stops when the last few windows agree, or when the window budget is spent.</summary>
    private async Task<(int First, int Windows, bool Stable)> WatchAsync(WindowRecorder recorder, CancellationToken cancellationToken)
    {
        var throughputs = new List<double>();
        for (var w = 0; w < plan.MaxWindows; w++)
        {
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), recorder.WindowEnd(w));
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, cancellationToken).ConfigureAwait(false);
            }

            throughputs.Add(recorder.Throughput(w));
            if (throughputs.Count >= plan.StableWindows && IsStable(throughputs.TakeLast(plan.StableWindows).ToArray(), plan.StabilityTolerance))
            {
                return (w + 1 - plan.StableWindows, plan.StableWindows, true);
            }
        }

        var reported = Math.Min(plan.StableWindows, plan.MaxWindows);
        return (plan.MaxWindows - reported, reported, false);
    }

    /// <summary>perf_analyzer's rule: every window's throughput within the tolerance of their average.</summary>
    internal static bool IsStable(IReadOnlyList<double> throughputs, double tolerance)
    {
        var average = throughputs.Average();
        return average > 0 && throughputs.All(t => Math.Abs(t - average) <= tolerance * average);
    }

    private WindowRecorder NewRecorder()
    {
        var start = Stopwatch.GetTimestamp() + (long)(plan.Warmup.TotalSeconds * Stopwatch.Frequency);
        return new WindowRecorder(start, Math.Max(1, (long)(plan.Window.TotalSeconds * Stopwatch.Frequency)), plan.MaxWindows);
    }

    private async Task WorkAsync(int worker, WindowRecorder recorder, CancellationToken cancellationToken)
    {
        var index = worker % requests.Bodies.Count;
        while (!_stop)
        {
            await SendAsync(index, recorder, cancellationToken).ConfigureAwait(false);
            index = index + 1 == requests.Bodies.Count ? 0 : index + 1;
        }
    }

    private async Task SendAndReleaseAsync(int index, WindowRecorder recorder, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(index, recorder, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task SendAsync(int index, WindowRecorder recorder, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        int status;
        try
        {
            using var content = new ByteArrayContent(requests.Bodies[index]);
            content.Headers.ContentType = Json;
            using var request = new HttpRequestMessage(HttpMethod.Post, requests.Path) { Content = content };
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            await response.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            status = 0;
        }

        recorder.Record(start, Stopwatch.GetTimestamp(), status);
    }
}
