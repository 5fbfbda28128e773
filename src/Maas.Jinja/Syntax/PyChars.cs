namespace Maas.Jinja.Syntax;

/// <summary>Character classes as Python defines them (used by the lexer and string methods alike).</summary>
internal static class PyChars
{
    /// <summary>Python's <c>str.isspace</c>: .NET whitespace plus the separators U+001C..U+001F.</summary>
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';

    public static string RStrip(string s)
    {
        var end = s.Length;
        while (end > 0 && IsSpace(s[end - 1]))
        {
            end--;
        }

        return end == s.Length ? s : s[..end];
    }
}
