namespace Maas.Bench;

/// <summary>
/// BENCHMARKS.md is shared by every bench script: each owns the text between its own begin/end markers and replaces
/// only that, atomically, so a run of one bench never disturbs another's section.
/// </summary>
internal static class BenchmarksFile
{
    /// <summary>
    /// Puts <paramref name="section"/> (which starts with <paramref name="begin"/> and ends with <paramref name="end"/>)
    /// in place of the marked section, or appends it, after <paramref name="heading"/> when given, if the file has none.
    /// </summary>
    public static void ReplaceSection(string markdownPath, string begin, string end, string section, string? heading = null)
    {
        var existing = File.Exists(markdownPath) ? File.ReadAllText(markdownPath) : "# Benchmarks\n";
        var from = existing.IndexOf(begin, StringComparison.Ordinal);
        var to = existing.IndexOf(end, StringComparison.Ordinal);
        var text = from >= 0 && to > from
            ? string.Concat(existing.AsSpan(0, from), section, existing.AsSpan(to + end.Length))
            : existing.TrimEnd('\n') + "\n\n" + (heading is null ? "" : heading + "\n\n") + section + "\n";
        var temp = markdownPath + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, markdownPath, overwrite: true);
    }
}
