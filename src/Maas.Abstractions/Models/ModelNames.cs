using System.Text.RegularExpressions;

namespace Maas.Models;

/// <summary>The naming rules of API.md: model names and alias names share one pattern.</summary>
public static partial class ModelNames
{
    public const string Pattern = "^[a-z0-9][a-z0-9._-]{0,63}$";

    /// <summary>The implicit alias that always points at the highest version.</summary>
    public const string Latest = "latest";

    /// <summary>An alias that, when set, is what a bare model name means.</summary>
    public const string Default = "default";

    public static bool IsValid(string? name) => name is not null && NameRegex().IsMatch(name);

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();
}
