using Maas.Tokenizers.Text;

namespace Maas.Tokenizers.PreTokenizers;

/// <summary>BERT: split on whitespace (dropped), then isolate every punctuation char.</summary>
internal sealed class BertPreTokenizer : IPreTokenizer
{
    private static readonly CharSplitPreTokenizer Whitespace = CharSplitPreTokenizer.WhitespaceSplit();
    private static readonly CharSplitPreTokenizer Punctuation = new(CharClasses.IsBertPunctuation, SplitBehavior.Isolated);

    public void Split(AlignedString piece, List<AlignedString> output)
    {
        var words = new List<AlignedString>();
        Whitespace.Split(piece, words);
        foreach (var word in words)
        {
            Punctuation.Split(word, output);
        }
    }
}
