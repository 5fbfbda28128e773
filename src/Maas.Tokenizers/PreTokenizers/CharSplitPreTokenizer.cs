using System.Text;
using Maas.Tokenizers.Text;

namespace Maas.Tokenizers.PreTokenizers;

/// <summary>Splits on a per-code-point test: WhitespaceSplit, Punctuation, Digits.</summary>
internal sealed class CharSplitPreTokenizer(Func<Rune, bool> isDelimiter, SplitBehavior behavior) : IPreTokenizer
{
    public static CharSplitPreTokenizer WhitespaceSplit() => new(CharClasses.IsWhitespace, SplitBehavior.Removed);

    public void Split(AlignedString piece, List<AlignedString> output) =>
        Splitter.Split(piece, Splitter.CharMatches(piece.Text, isDelimiter), behavior, invert: false, output);
}
