namespace Maas.Models;

/// <summary>Resolves paths named inside a model (by maas.json, settings or external data) without leaving its folder.</summary>
public static class ModelPaths
{
    /// <summary>
    /// The full path of <paramref name="relative"/> under <paramref name="root"/>, or null when it is empty,
    /// absolute, or resolves outside the root. Backslashes count as separators on every OS, so a Windows-style
    /// <c>..\secret</c> is caught on Linux too.
    /// </summary>
    public static string? ResolveInside(string root, string relative)
    {
        if (string.IsNullOrEmpty(relative) || relative.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var normalized = relative.Replace('\\', '/');
        if (normalized.StartsWith('/') || Path.IsPathRooted(normalized) || (normalized.Length >= 2 && normalized[1] == ':'))
        {
            return null;
        }

        var rootFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var full = Path.GetFullPath(Path.Combine(rootFull, normalized));
        return full.StartsWith(rootFull + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    /// <summary>The path of <paramref name="full"/> relative to <paramref name="folder"/>, with forward slashes.</summary>
    public static string Relative(string folder, string full) =>
        Path.GetRelativePath(folder, full).Replace(Path.DirectorySeparatorChar, '/');
}
