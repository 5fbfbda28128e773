using Maas.Tokenizers.Text;

namespace Maas.Tokenizers.Normalizers;

/// <summary>Drops non-spacing marks. Only strips accents after an NFD step, exactly like the HF library.</summary>
internal sealed class StripAccentsNormalizer : INormalizer
{
    public static readonly StripAccentsNormalizer Instance = new();

    public AlignedString Normalize(AlignedString input) =>
        RuneMap.Apply(input, static r => CharClasses.IsNonSpacingMark(r) ? "" : null);
}
