using Maas.Tokenizers.Text;

namespace Maas.Tokenizers.PreTokenizers;

/// <summary>One step of the tokenizer.json <c>pre_tokenizer</c>: splits (and may rewrite) every current piece.</summary>
internal interface IPreTokenizer
{
    /// <summary>Appends the pieces <paramref name="piece"/> splits into to <paramref name="output"/>; empty pieces are dropped.</summary>
    void Split(AlignedString piece, List<AlignedString> output);
}
