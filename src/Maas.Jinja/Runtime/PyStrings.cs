using System.Text;
using Maas.Jinja.Syntax;

namespace Maas.Jinja.Runtime;

/// <summary>Python <c>str</c> behaviour: code-point indexing, strip/split rules, title/capitalize casing.</summary>
internal static class PyStrings
{
    public static bool HasSurrogates(string s) => s.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;

    /// <summary>Characters as Python sees them: one string per code point, so emoji are not split in halves.</summary>
    public static List<object?> Chars(string s)
    {
        var result = new List<object?>(s.Length);
        if (!HasSurrogates(s))
        {
            foreach (var c in s)
            {
                result.Add(c.ToString());
            }

            return result;
        }

        foreach (var rune in s.EnumerateRunes())
        {
            result.Add(rune.ToString());
        }

        return result;
    }

    public static long Length(string s) => HasSurrogates(s) ? s.EnumerateRunes().Count() : s.Length;

    public static string Strip(string s, string? chars, bool left, bool right)
    {
        Func<char, bool> drop = chars is null ? PyChars.IsSpace : c => chars.Contains(c, StringComparison.Ordinal);
        var start = 0;
        var end = s.Length;
        while (left && start < end && drop(s[start]))
        {
            start++;
        }

        while (right && end > start && drop(s[end - 1]))
        {
            end--;
        }

        return s[start..end];
    }

    /// <summary>
    /// <c>str.split(sep, maxsplit)</c>: without a separator, splits on whitespace runs and drops empty parts.
    /// <c>rsplit</c> is the mirror image.
    /// </summary>
    public static List<object?> Split(string s, string? sep, long maxSplit, bool fromRight = false)
    {
        if (sep is not null)
        {
            if (sep.Length == 0)
            {
                throw new TemplateRuntimeException("empty separator");
            }

            var parts = s.Split(sep).ToList();
            if (maxSplit >= 0 && parts.Count - 1 > maxSplit)
            {
                var keep = (int)maxSplit;
                parts = fromRight
                    ? [string.Join(sep, parts.Take(parts.Count - keep)), .. parts.Skip(parts.Count - keep)]
                    : [.. parts.Take(keep), string.Join(sep, parts.Skip(keep))];
            }

            return parts.Cast<object?>().ToList();
        }

        var words = new List<object?>();
        if (fromRight)
        {
            var reversed = Split(Reverse(s), null, maxSplit);
            reversed.Reverse();
            return reversed.Select(w => (object?)Reverse((string)w!)).ToList();
        }

        var i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && PyChars.IsSpace(s[i]))
            {
                i++;
            }

            if (i >= s.Length)
            {
                break;
            }

            if (maxSplit >= 0 && words.Count == maxSplit)
            {
                words.Add(s[i..]);
                break;
            }

            var start = i;
            while (i < s.Length && !PyChars.IsSpace(s[i]))
            {
                i++;
            }

            words.Add(s[start..i]);
        }

        return words;
    }

    public static string Reverse(string s)
    {
        var chars = Chars(s);
        chars.Reverse();
        return string.Concat(chars);
    }

    /// <summary>Python <c>str.title()</c>: a cased letter after an uncased character is upper-cased, the rest lowered.</summary>
    public static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var previousCased = false;
        foreach (var c in s)
        {
            var cased = char.IsLetter(c);
            sb.Append(cased ? (previousCased ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)) : c);
            previousCased = cased;
        }

        return sb.ToString();
    }

    /// <summary>jinja2's <c>title</c> filter: words start after whitespace, '-', '(', '{', '[' or '&lt;'.</summary>
    public static string TitleFilter(string s)
    {
        var sb = new StringBuilder(s.Length);
        var atWordStart = true;
        foreach (var c in s)
        {
            var separator = PyChars.IsSpace(c) || c is '-' or '(' or '{' or '[' or '<';
            sb.Append(separator ? c : atWordStart ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            atWordStart = separator;
        }

        return sb.ToString();
    }

    public static string Capitalize(string s) =>
        s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();

    public static string Replace(string s, string old, string replacement, long count)
    {
        if (count < 0)
        {
            return old.Length == 0 ? InsertEverywhere(s, replacement) : s.Replace(old, replacement, StringComparison.Ordinal);
        }

        var sb = new StringBuilder();
        var pos = 0;
        for (var n = 0; n < count; n++)
        {
            var at = s.IndexOf(old, pos, StringComparison.Ordinal);
            if (at < 0 || (old.Length == 0 && at >= s.Length))
            {
                break;
            }

            sb.Append(s, pos, at - pos).Append(replacement);
            if (old.Length == 0)
            {
                sb.Append(s[at]);
                at++;
            }

            pos = at + old.Length;
        }

        return sb.Append(s, pos, s.Length - pos).ToString();
    }

    private static string InsertEverywhere(string s, string insert)
    {
        var sb = new StringBuilder(insert);
        foreach (var c in s)
        {
            sb.Append(c).Append(insert);
        }

        return sb.ToString();
    }

    /// <summary>Python <c>str.splitlines()</c> line boundaries.</summary>
    public static List<string> SplitLines(string s)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029')
            {
                lines.Add(s[start..i]);
                if (c == '\r' && i + 1 < s.Length && s[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < s.Length)
        {
            lines.Add(s[start..]);
        }

        return lines;
    }
}
