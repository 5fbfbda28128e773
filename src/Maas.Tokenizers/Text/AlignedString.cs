using System.Text;

namespace Maas.Tokenizers.Text;

/// <summary>
/// Text on its way through normalization and pre-tokenization that remembers, for every UTF-16 char,
/// the span of the ORIGINAL input it came from. That is what lets token offsets point into the text
/// the caller passed in even after lowercasing, accent stripping or byte-level mapping.
/// </summary>
internal sealed class AlignedString
{
    public AlignedString(string text, int[] starts, int[] ends)
    {
        Text = text;
        Starts = starts;
        Ends = ends;
    }

    public string Text { get; }

    /// <summary>Original start offset of each char of <see cref="Text"/>.</summary>
    public int[] Starts { get; }

    /// <summary>Original end offset (exclusive) of each char of <see cref="Text"/>.</summary>
    public int[] Ends { get; }

    public int Length => Text.Length;

    /// <summary>The original span [start, start + length) of <paramref name="original"/>, one char per char.</summary>
    public static AlignedString FromOriginal(string original, int start, int length)
    {
        var starts = new int[length];
        var ends = new int[length];
        for (var i = 0; i < length; i++)
        {
            starts[i] = start + i;
            ends[i] = start + i + 1;
        }

        return new AlignedString(original.Substring(start, length), starts, ends);
    }

    public AlignedString Slice(int start, int length)
    {
        if (start == 0 && length == Length)
        {
            return this;
        }

        return new AlignedString(Text.Substring(start, length), Starts[start..(start + length)], Ends[start..(start + length)]);
    }

    /// <summary>Original span covered by the chars [start, end) of this text.</summary>
    public (int Start, int End) OriginalSpan(int start, int end) =>
        end > start ? (Starts[start], Ends[end - 1]) : (Starts[Math.Min(start, Length - 1)], Starts[Math.Min(start, Length - 1)]);

    /// <summary>Length in UTF-16 chars of the code point starting at <paramref name="index"/> (2 for a valid surrogate pair).</summary>
    public static int RuneLength(string text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;

    /// <summary>The code point at <paramref name="index"/>; a lone surrogate reads as U+FFFD.</summary>
    public static Rune RuneAt(string text, int index, int length) =>
        length == 2 ? new Rune(text[index], text[index + 1])
        : char.IsSurrogate(text[index]) ? Rune.ReplacementChar : new Rune(text[index]);
}
