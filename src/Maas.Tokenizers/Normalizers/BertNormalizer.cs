using System.Text;
using Maas.Tokenizers.Text;

namespace Maas.Tokenizers.Normalizers;

/// <summary>
/// BERT's normalizer in HF order: clean text (drop NUL, U+FFFD and control chars; whitespace → ' '),
/// surround CJK ideographs with spaces, strip accents (NFD then drop Mn), lowercase.
/// <c>strip_accents: null</c> follows <c>lowercase</c>, as in the HF library.
/// </summary>
internal sealed class BertNormalizer(bool cleanText, bool handleChineseChars, bool? stripAccents, bool lowercase) : INormalizer
{
    private static readonly UnicodeFormNormalizer Nfd = new(NormalizationForm.FormD);

    public AlignedString Normalize(AlignedString input)
    {
        var text = input;
        if (cleanText)
        {
            text = RuneMap.Apply(text, static r =>
                r.Value is 0 or 0xFFFD || CharClasses.IsControl(r) ? ""
                : r.Value != ' ' && CharClasses.IsWhitespace(r) ? " "
                : null);
        }

        if (handleChineseChars)
        {
            text = RuneMap.Apply(text, static r => CharClasses.IsChinese(r) ? " " + r.ToString() + " " : null);
        }

        if (stripAccents ?? lowercase)
        {
            text = StripAccentsNormalizer.Instance.Normalize(Nfd.Normalize(text));
        }

        if (lowercase)
        {
            text = LowercaseNormalizer.Instance.Normalize(text);
        }

        return text;
    }
}
