using Maas.Tokenizers.Pipeline;
using Maas.Tokenizers.Text;

namespace Maas.Tokenizers.PostProcessors;

/// <summary>
/// The ByteLevel post-processor (also used by RobertaProcessing): ids untouched; with <c>trim_offsets</c> the
/// offsets of tokens with leading/trailing spaces ('Ġ') shrink to the word, except the single prefix space the
/// pre-tokenizer added to the first token.
/// </summary>
internal sealed class OffsetTrimmer(bool trimOffsets, bool addPrefixSpace) : IPostProcessor
{
    private static readonly char Space = ByteLevelAlphabet.Encode((byte)' ');

    public int AddedTokens(bool isPair) => 0;

    public List<List<EncodedToken>> Process(List<List<EncodedToken>> sequences, bool addSpecialTokens)
    {
        if (!trimOffsets)
        {
            return sequences;
        }

        foreach (var sequence in sequences)
        {
            for (var i = 0; i < sequence.Count; i++)
            {
                sequence[i] = Trim(sequence[i], i);
            }
        }

        return sequences;
    }

    private EncodedToken Trim(EncodedToken token, int index)
    {
        var value = token.Value;
        var leading = 0;
        while (leading < value.Length && IsSpace(value[leading]))
        {
            leading++;
        }

        var trailing = 0;
        while (trailing < value.Length && IsSpace(value[value.Length - 1 - trailing]))
        {
            trailing++;
        }

        var (start, end) = (token.Start, token.End);
        if (leading > 0)
        {
            var isFirst = index == 0 || start == 0;
            if (!(isFirst && addPrefixSpace && leading == 1))
            {
                start = Math.Min(start + leading, end);
            }
        }

        if (trailing > 0 && end >= trailing)
        {
            end = Math.Max(end - trailing, start);
        }

        return token with { Start = start, End = end };
    }

    private static bool IsSpace(char c) => c == Space || char.IsWhiteSpace(c);
}
