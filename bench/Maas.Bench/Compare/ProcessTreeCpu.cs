using System.Globalization;

namespace Maas.Bench.Compare;

/// <summary>
/// CPU seconds used so far by a process and all its descendants (from /proc), so servers made of several processes
/// (uvicorn workers, Node cluster workers) are charged for all of them.
/// </summary>
internal static class ProcessTreeCpu
{
    private const double ClockTicksPerSecond = 100; // USER_HZ, fixed at 100 for /proc on Linux.

    public static double? Seconds(int? root)
    {
        if (root is not { } pid)
        {
            return null;
        }

        var stats = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }

            try
            {
                // Fields after "(comm)": ppid is field 4, utime 14, stime 15 (1-based, as in proc(5)).
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                stats[id] = (int.Parse(fields[1], CultureInfo.InvariantCulture),
                    long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended while we looked.
            }
        }

        if (!stats.ContainsKey(pid))
        {
            return null;
        }

        var total = 0L;
        var pending = new Stack<int>([pid]);
        while (pending.TryPop(out var current))
        {
            total += stats[current].Ticks;
            foreach (var (child, _) in stats.Where(s => s.Value.Parent == current))
            {
                pending.Push(child);
            }
        }

        return total / ClockTicksPerSecond;
    }
}
