using System.Text;
using Maas.Tokenizers.Text;
using Maas.Tokenizers.Unicode;

namespace Maas.Tokenizers.Normalizers;

/// <summary>NFC / NFD / NFKC / NFKD.</summary>
/// <remarks>
/// Normalization only ever rewrites a starter together with the combining marks after it, so the text is
/// normalized chunk by chunk and every output char is aligned to its whole chunk: "é" → "e\u0301" maps both
/// chars back to "é", as the HF library does.
/// </remarks>
internal sealed class UnicodeFormNormalizer(NormalizationForm form) : INormalizer
{
    public AlignedString Normalize(AlignedString input)
    {
        var text = input.Text;
        if (Ascii.IsValid(text))
        {
            return input;
        }

        var builder = new AlignedBuilder(text.Length + 8);
        var chunkStart = 0;
        while (chunkStart < text.Length)
        {
            var chunkEnd = chunkStart + AlignedString.RuneLength(text, chunkStart);
            while (chunkEnd < text.Length && ContinuesChunk(text, chunkEnd))
            {
                chunkEnd += AlignedString.RuneLength(text, chunkEnd);
            }

            var chunk = text[chunkStart..chunkEnd];
            var normalized = UnicodeNormalization.Normalize(chunk, form);
            if (normalized == chunk)
            {
                builder.AppendFrom(input, chunkStart, chunkEnd - chunkStart);
            }
            else
            {
                builder.Append(normalized, input.Starts[chunkStart], input.Ends[chunkEnd - 1]);
            }

            chunkStart = chunkEnd;
        }

        return builder.Build();
    }

    // Combining marks and conjoining Hangul vowels/trailing consonants belong to the chunk before them.
    private static bool ContinuesChunk(string text, int index)
    {
        var rune = AlignedString.RuneAt(text, index, AlignedString.RuneLength(text, index));
        return rune.Value is (>= 0x1161 and <= 0x1175) or (>= 0x11A8 and <= 0x11C2)
            || UnicodeNormalization.CombiningClass(rune.Value) != 0;
    }
}
