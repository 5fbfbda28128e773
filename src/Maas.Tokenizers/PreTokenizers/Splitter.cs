using System.Text;
using System.Text.RegularExpressions;
using Maas.Tokenizers.Text;

namespace Maas.Tokenizers.PreTokenizers;

/// <summary>Cuts a piece at delimiter spans and applies a <see cref="SplitBehavior"/> to them.</summary>
internal static class Splitter
{
    /// <summary>Each code point satisfying <paramref name="isDelimiter"/> is its own delimiter span.</summary>
    public static List<(int Start, int End)> CharMatches(string text, Func<Rune, bool> isDelimiter)
    {
        var spans = new List<(int, int)>();
        for (var i = 0; i < text.Length;)
        {
            var len = AlignedString.RuneLength(text, i);
            if (isDelimiter(AlignedString.RuneAt(text, i, len)))
            {
                spans.Add((i, i + len));
            }

            i += len;
        }

        return spans;
    }

    public static List<(int Start, int End)> RegexMatches(string text, Regex regex)
    {
        var spans = new List<(int, int)>();
        for (var m = regex.Match(text); m.Success; m = m.NextMatch())
        {
            if (m.Length > 0)
            {
                spans.Add((m.Index, m.Index + m.Length));
            }
        }

        return spans;
    }

    public static void Split(AlignedString piece, List<(int Start, int End)> delimiters, SplitBehavior behavior, bool invert, List<AlignedString> output)
    {
        // Every char belongs to exactly one span; IsMatch marks the delimiters (or the others when inverted).
        var spans = new List<(int Start, int End, bool IsMatch)>(delimiters.Count * 2 + 1);
        var last = 0;
        foreach (var (start, end) in delimiters)
        {
            if (start > last)
            {
                spans.Add((last, start, invert));
            }

            spans.Add((start, end, !invert));
            last = end;
        }

        if (last < piece.Length)
        {
            spans.Add((last, piece.Length, invert));
        }

        var kept = new List<(int Start, int End)>(spans.Count);
        switch (behavior)
        {
            case SplitBehavior.Removed:
                kept.AddRange(spans.Where(s => !s.IsMatch).Select(s => (s.Start, s.End)));
                break;
            case SplitBehavior.Isolated:
                kept.AddRange(spans.Select(s => (s.Start, s.End)));
                break;
            case SplitBehavior.MergedWithPrevious:
                var previousMatch = false;
                foreach (var s in spans)
                {
                    if (s.IsMatch && !previousMatch && kept.Count > 0)
                    {
                        kept[^1] = (kept[^1].Start, s.End);
                    }
                    else
                    {
                        kept.Add((s.Start, s.End));
                    }

                    previousMatch = s.IsMatch;
                }

                break;
            case SplitBehavior.MergedWithNext:
                var nextMatch = false;
                for (var i = spans.Count - 1; i >= 0; i--)
                {
                    var s = spans[i];
                    if (s.IsMatch && !nextMatch && kept.Count > 0)
                    {
                        kept[^1] = (s.Start, kept[^1].End);
                    }
                    else
                    {
                        kept.Add((s.Start, s.End));
                    }

                    nextMatch = s.IsMatch;
                }

                kept.Reverse();
                break;
            case SplitBehavior.Contiguous:
                var wasMatch = false;
                foreach (var s in spans)
                {
                    if (s.IsMatch && wasMatch && kept.Count > 0)
                    {
                        kept[^1] = (kept[^1].Start, s.End);
                    }
                    else
                    {
                        kept.Add((s.Start, s.End));
                    }

                    wasMatch = s.IsMatch;
                }

                break;
        }

        foreach (var (start, end) in kept)
        {
            if (end > start)
            {
                output.Add(piece.Slice(start, end - start));
            }
        }
    }
}
