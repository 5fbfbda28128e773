using System.Diagnostics;
using System.Globalization;

namespace Maas.Bench;

/// <summary>
/// CPU time used by this process and, when its pid is known, by the server process (from /proc/&lt;pid&gt;/stat), so the
/// results can say where the cores went: per request, how much the server burnt and how much the load generator did.
/// </summary>
internal sealed class CpuProbe(int? serverPid)
{
    private static readonly double ClockTicksPerSecond = 100; // USER_HZ; fixed at 100 on Linux for /proc.

    public CpuSample Sample() => new(Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, ServerSeconds());

    /// <summary>Waits until the window opens and closes, sampling at both edges.</summary>
    public async Task<CpuUse> AcrossAsync(Window window)
    {
        await DelayUntil(window.MeasureStart);
        var start = Sample();
        await DelayUntil(window.End);
        var end = Sample();
        return new CpuUse(
            end.BenchSeconds - start.BenchSeconds,
            end.ServerSeconds is { } e && start.ServerSeconds is { } s ? e - s : null);
    }

    private static async Task DelayUntil(long timestamp)
    {
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }
    }

    private double? ServerSeconds()
    {
        if (serverPid is not { } pid)
        {
            return null;
        }

        try
        {
            // Fields after "(comm)": state is field 3, utime 14, stime 15 (1-based, as in proc(5)).
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return ticks / ClockTicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}

internal readonly record struct CpuSample(double BenchSeconds, double? ServerSeconds);

/// <summary>CPU seconds spent inside a measured window by the bench process and by the server process.</summary>
internal readonly record struct CpuUse(double BenchSeconds, double? ServerSeconds);
