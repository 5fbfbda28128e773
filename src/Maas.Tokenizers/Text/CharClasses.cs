using System.Globalization;
using System.Text;

namespace Maas.Tokenizers.Text;

/// <summary>The character classes the HF tokenizers library uses, expressed over Unicode code points.</summary>
internal static class CharClasses
{
    /// <summary>Rust's <c>char::is_whitespace</c> (the White_Space property).</summary>
    public static bool IsWhitespace(Rune r) => Rune.IsWhiteSpace(r);

    /// <summary>BERT's control test: Unicode "other" categories, except tab/newline/carriage return.</summary>
    public static bool IsControl(Rune r)
    {
        if (r.Value is '\t' or '\n' or '\r')
        {
            return false;
        }

        return Rune.GetUnicodeCategory(r) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate;
    }

    /// <summary>BERT punctuation: every ASCII punctuation char (incl. $, +, ^, `) and every Unicode P* category.</summary>
    public static bool IsBertPunctuation(Rune r)
    {
        var v = r.Value;
        if (v is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126))
        {
            return true;
        }

        return Rune.GetUnicodeCategory(r) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    /// <summary>Rust's <c>char::is_numeric</c>: Nd, Nl and No.</summary>
    public static bool IsNumeric(Rune r) =>
        Rune.GetUnicodeCategory(r) is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    /// <summary>Non-spacing marks: what StripAccents removes after NFD.</summary>
    public static bool IsNonSpacingMark(Rune r) => Rune.GetUnicodeCategory(r) == UnicodeCategory.NonSpacingMark;

    /// <summary>The CJK blocks BERT surrounds with spaces (same ranges as the original BERT code).</summary>
    public static bool IsChinese(Rune r) => r.Value is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF)
        or (>= 0x20000 and <= 0x2A6DF) or (>= 0x2A700 and <= 0x2B73F) or (>= 0x2B740 and <= 0x2B81F)
        or (>= 0x2B820 and <= 0x2CEAF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);
}
