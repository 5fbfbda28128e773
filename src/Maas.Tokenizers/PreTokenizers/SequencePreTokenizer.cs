using Maas.Tokenizers.Text;

namespace Maas.Tokenizers.PreTokenizers;

internal sealed class SequencePreTokenizer(IReadOnlyList<IPreTokenizer> steps) : IPreTokenizer
{
    public void Split(AlignedString piece, List<AlignedString> output)
    {
        List<AlignedString> current = [piece];
        foreach (var step in steps)
        {
            var next = new List<AlignedString>(current.Count * 2);
            foreach (var p in current)
            {
                step.Split(p, next);
            }

            current = next;
        }

        output.AddRange(current);
    }
}
