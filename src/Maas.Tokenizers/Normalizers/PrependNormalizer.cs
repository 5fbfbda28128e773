using Maas.Tokenizers.Text;

namespace Maas.Tokenizers.Normalizers;

/// <summary>Prepends a string to non-empty text; the new chars align with the first original char (HF does the same).</summary>
internal sealed class PrependNormalizer(string prefix) : INormalizer
{
    public AlignedString Normalize(AlignedString input)
    {
        if (input.Length == 0)
        {
            return input;
        }

        var builder = new AlignedBuilder(input.Length + prefix.Length);
        builder.Append(prefix, input.Starts[0], input.Ends[0]);
        builder.AppendFrom(input, 0, input.Length);
        return builder.Build();
    }
}
