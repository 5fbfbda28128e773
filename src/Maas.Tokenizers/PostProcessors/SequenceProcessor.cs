using Maas.Tokenizers.Pipeline;

namespace Maas.Tokenizers.PostProcessors;

internal sealed class SequenceProcessor(IReadOnlyList<IPostProcessor> steps) : IPostProcessor
{
    public int AddedTokens(bool isPair) => steps.Sum(s => s.AddedTokens(isPair));

    public List<List<EncodedToken>> Process(List<List<EncodedToken>> sequences, bool addSpecialTokens)
    {
        foreach (var step in steps)
        {
            sequences = step.Process(sequences, addSpecialTokens);
        }

        return sequences;
    }
}
