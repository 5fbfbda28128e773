using System.Text.RegularExpressions;
using Maas.Tokenizers.Text;

namespace Maas.Tokenizers.PreTokenizers;

/// <summary>HF's <c>Split</c> (string or regex pattern, behavior, invert) and <c>Whitespace</c> (<c>\w+|[^\w\s]+</c>, matches kept).</summary>
internal sealed class RegexSplitPreTokenizer(Regex pattern, SplitBehavior behavior, bool invert) : IPreTokenizer
{
    private static readonly Regex WordsOrSymbols = new(@"\w+|[^\w\s]+", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public static RegexSplitPreTokenizer Whitespace() => new(WordsOrSymbols, SplitBehavior.Removed, invert: true);

    public void Split(AlignedString piece, List<AlignedString> output) =>
        Splitter.Split(piece, Splitter.RegexMatches(piece.Text, pattern), behavior, invert, output);
}
