using Maas.Tokenizers.Pipeline;

namespace Maas.Tokenizers.PostProcessors;

/// <summary>The tokenizer.json <c>post_processor</c>: adds special tokens, sets type ids, trims offsets.</summary>
internal interface IPostProcessor
{
    /// <summary>How many tokens <see cref="Process"/> adds when asked for special tokens (for truncation budgets).</summary>
    int AddedTokens(bool isPair);

    /// <summary>Takes one list per input sequence; may merge them. The caller concatenates what comes back.</summary>
    List<List<EncodedToken>> Process(List<List<EncodedToken>> sequences, bool addSpecialTokens);
}
