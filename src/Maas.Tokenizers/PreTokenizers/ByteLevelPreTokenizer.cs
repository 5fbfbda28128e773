using System.Text;
using System.Text.RegularExpressions;
using Maas.Tokenizers.Text;

namespace Maas.Tokenizers.PreTokenizers;

/// <summary>
/// GPT-2's byte-level step: optional prefix space, optional split with the GPT-2 regex, then every UTF-8 byte
/// becomes one char of <see cref="ByteLevelAlphabet"/>; all bytes of a code point align with that code point.
/// </summary>
internal sealed class ByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex) : IPreTokenizer
{
    internal static readonly Regex Gpt2Pattern = new(
        @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public void Split(AlignedString piece, List<AlignedString> output)
    {
        if (addPrefixSpace && !piece.Text.StartsWith(' '))
        {
            var builder = new AlignedBuilder(piece.Length + 1);
            builder.Append(' ', piece.Starts[0], piece.Ends[0]);
            builder.AppendFrom(piece, 0, piece.Length);
            piece = builder.Build();
        }

        if (!useRegex)
        {
            output.Add(ToBytes(piece));
            return;
        }

        var parts = new List<AlignedString>();
        Splitter.Split(piece, Splitter.RegexMatches(piece.Text, Gpt2Pattern), SplitBehavior.Isolated, invert: false, parts);
        foreach (var part in parts)
        {
            output.Add(ToBytes(part));
        }
    }

    internal static AlignedString ToBytes(AlignedString piece)
    {
        var text = piece.Text;
        if (Ascii.IsValid(text) && !text.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            return piece; // printable ASCII maps to itself
        }

        var builder = new AlignedBuilder(text.Length * 2);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < text.Length;)
        {
            var len = AlignedString.RuneLength(text, i);
            var count = AlignedString.RuneAt(text, i, len).EncodeToUtf8(bytes);
            for (var b = 0; b < count; b++)
            {
                builder.Append(ByteLevelAlphabet.Encode(bytes[b]), piece.Starts[i], piece.Ends[i + len - 1]);
            }

            i += len;
        }

        return builder.Build();
    }
}
