using System.Text;

namespace Maas.Tokenizers.AddedTokens;

/// <summary>
/// Finds added tokens in text: leftmost match first, longest token on ties, honouring <c>single_word</c>
/// (no word char may touch the match) and widening the match over whitespace for <c>lstrip</c>/<c>rstrip</c>.
/// </summary>
internal sealed class AddedTokenMatcher
{
    // Candidates by first char, longest first.
    private readonly Dictionary<char, (string Pattern, AddedToken Token)[]> _byFirstChar;

    public AddedTokenMatcher(IEnumerable<(string Pattern, AddedToken Token)> tokens)
    {
        _byFirstChar = tokens
            .Where(t => t.Pattern.Length > 0)
            .GroupBy(t => t.Pattern[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Pattern.Length).ToArray());
    }

    public bool IsEmpty => _byFirstChar.Count == 0;

    /// <summary>Non-overlapping matches as [Start, End) spans of <paramref name="text"/>, in order.</summary>
    public List<(int Start, int End, AddedToken Token)> FindAll(string text)
    {
        var matches = new List<(int, int, AddedToken)>();
        var consumed = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!_byFirstChar.TryGetValue(text[i], out var candidates))
            {
                continue;
            }

            foreach (var (pattern, token) in candidates)
            {
                if (!text.AsSpan(i).StartsWith(pattern, StringComparison.Ordinal))
                {
                    continue;
                }

                var end = i + pattern.Length;
                if (token.SingleWord && (IsWordCharBefore(text, i) || IsWordCharAt(text, end)))
                {
                    continue;
                }

                var start = i;
                while (token.LStrip && start > consumed && char.IsWhiteSpace(text[start - 1]))
                {
                    start--;
                }

                while (token.RStrip && end < text.Length && char.IsWhiteSpace(text[end]))
                {
                    end++;
                }

                matches.Add((start, end, token));
                consumed = end;
                i = end - 1;
                break;
            }
        }

        return matches;
    }

    private static bool IsWordCharBefore(string text, int index) =>
        index > 0 && Rune.TryGetRuneAt(text, char.IsLowSurrogate(text[index - 1]) && index > 1 ? index - 2 : index - 1, out var r) && IsWordChar(r);

    private static bool IsWordCharAt(string text, int index) =>
        index < text.Length && Rune.TryGetRuneAt(text, index, out var r) && IsWordChar(r);

    private static bool IsWordChar(Rune r) => Rune.IsLetterOrDigit(r) || r.Value == '_';
}
