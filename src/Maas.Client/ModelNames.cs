using System.Text.RegularExpressions;

namespace Maas.Client;

/// <summary>The registry's naming rule, checked on the client too so a bad name fails before a big upload starts.</summary>
public static partial class ModelNames
{
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    internal static void ThrowIfInvalid(string name)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException(
                $"invalid model name '{name}': use 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit",
                nameof(name));
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
