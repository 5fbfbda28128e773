using System.Text;
using Maas.Tokenizers.Text;

namespace Maas.Tokenizers.Normalizers;

/// <summary>Lowercase per code point (simple case mapping; Rust's full mapping differs only for a few chars such as 'İ').</summary>
internal sealed class LowercaseNormalizer : INormalizer
{
    public static readonly LowercaseNormalizer Instance = new();

    public AlignedString Normalize(AlignedString input) => RuneMap.Apply(input, static r =>
    {
        var lower = Rune.ToLowerInvariant(r);
        return lower == r ? null : lower.ToString();
    });
}
