using Maas.Errors;

namespace Maas.Security.Keys;

/// <summary>
/// Model grants: names with <c>*</c> wildcards (<c>llm-*</c>, <c>sentiment</c>). Matching is a linear two-pointer
/// walk rather than a regex, so a hostile pattern cannot make it slow.
/// </summary>
public static class ModelGrants
{
    private const int MaxLength = 64;

    public static bool IsMatch(string pattern, string name)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(name);
        int p = 0, n = 0, star = -1, resume = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                // Remember the star and first try matching it against nothing.
                star = p++;
                resume = n;
            }
            else if (p < pattern.Length && pattern[p] == name[n])
            {
                p++;
                n++;
            }
            else if (star >= 0)
            {
                // Let the last star swallow one more character and retry from there.
                p = star + 1;
                n = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>True when the list is empty (every model) or any pattern matches.</summary>
    public static bool AnyMatch(IReadOnlyList<string> patterns, string name)
    {
        if (patterns.Count == 0)
        {
            return true;
        }

        foreach (var pattern in patterns)
        {
            if (IsMatch(pattern, name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Patterns use the model-name alphabet plus <c>*</c>; anything else could never match and is a typo.</summary>
    public static void Validate(IReadOnlyList<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        foreach (var pattern in patterns)
        {
            if (string.IsNullOrEmpty(pattern) || pattern.Length > MaxLength || !pattern.All(IsAllowed))
            {
                throw MaasException.InvalidInput(
                    $"model pattern '{pattern}' is not valid; expected up to {MaxLength} characters of a-z, 0-9, '.', '_', '-' and '*'");
            }
        }
    }

    private static bool IsAllowed(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-' or '*';
}
