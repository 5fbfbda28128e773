using Maas.Tokenizers.Text;

namespace Maas.Tokenizers.Normalizers;

internal sealed class SequenceNormalizer(IReadOnlyList<INormalizer> steps) : INormalizer
{
    public AlignedString Normalize(AlignedString input)
    {
        foreach (var step in steps)
        {
            input = step.Normalize(input);
        }

        return input;
    }
}
