using Maas.Tokenizers.Text;

namespace Maas.Tokenizers.Normalizers;

/// <summary>Trims whitespace on the left and/or right.</summary>
internal sealed class StripNormalizer(bool left, bool right) : INormalizer
{
    public AlignedString Normalize(AlignedString input)
    {
        var text = input.Text;
        var start = 0;
        var end = text.Length;
        while (left && start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (right && end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end == start ? new AlignedString("", [], []) : input.Slice(start, end - start);
    }
}
