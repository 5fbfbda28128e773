using Maas.Tokenizers.Text;

namespace Maas.Tokenizers.Normalizers;

/// <summary>SentencePiece's NMT cleanup: drop C0 control chars, turn odd spaces and separators into ' '.</summary>
internal sealed class NmtNormalizer : INormalizer
{
    public AlignedString Normalize(AlignedString input) => RuneMap.Apply(input, static r => r.Value switch
    {
        (>= 0x0001 and <= 0x0008) or 0x000B or (>= 0x000E and <= 0x001F) or 0x007F or 0x008F or 0x009F => "",
        0x0009 or 0x000A or 0x000C or 0x000D or 0x1680 or (>= 0x200B and <= 0x200F) or 0x2028 or 0x2029
            or 0x2581 or 0xFEFF or 0xFFFD => " ",
        _ => null,
    });
}
