using Maas.Tokenizers.Text;

namespace Maas.Tokenizers.Normalizers;

/// <summary>One step of the tokenizer.json <c>normalizer</c>: text in, text out, alignment kept.</summary>
internal interface INormalizer
{
    AlignedString Normalize(AlignedString input);
}
