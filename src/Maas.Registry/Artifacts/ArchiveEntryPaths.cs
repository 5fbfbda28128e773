using Maas.Errors;

namespace Maas.Registry.Artifacts;

/// <summary>Turns an archive entry's name into a safe relative path, or rejects it.</summary>
internal static class ArchiveEntryPaths
{
    /// <summary>
    /// The entry's path with <c>/</c> separators and no empty or <c>.</c> segments; null for the archive root itself
    /// (<c>./</c>, which <c>tar -C dir .</c> writes). Throws InvalidModel for anything that could land outside the
    /// destination on any operating system.
    /// </summary>
    public static string? Normalize(string entryName)
    {
        if (entryName.Length == 0)
        {
            throw Reject(entryName, "has an empty name");
        }

        if (entryName.Contains('\0', StringComparison.Ordinal))
        {
            throw Reject(entryName, "has a NUL character in its name");
        }

        if (entryName[0] == '/')
        {
            throw Reject(entryName, "is an absolute path");
        }

        // A backslash is a separator on Windows, and a colon a drive letter or an alternate data stream.
        if (entryName.Contains('\\', StringComparison.Ordinal))
        {
            throw Reject(entryName, "contains a backslash");
        }

        if (entryName.Contains(':', StringComparison.Ordinal))
        {
            throw Reject(entryName, "contains a colon (drive letter or stream name)");
        }

        var segments = entryName.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Contains(".."))
        {
            throw Reject(entryName, "has a '..' segment");
        }

        var kept = segments.Where(s => s != ".").ToArray();
        return kept.Length == 0 ? null : string.Join('/', kept);
    }

    public static MaasException Reject(string entryName, string problem) =>
        MaasException.InvalidModel($"archive entry '{Shorten(entryName)}' {problem}");

    private static string Shorten(string name) => name.Length > 200 ? string.Concat(name.AsSpan(0, 200), "…") : name;
}
