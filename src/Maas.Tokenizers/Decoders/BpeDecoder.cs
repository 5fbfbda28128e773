namespace Maas.Tokenizers.Decoders;

/// <summary>End-of-word suffix → space (nothing after the last token).</summary>
internal sealed class BpeDecoder(string suffix) : IDecoder
{
    public List<string> DecodeChain(List<string> tokens) =>
        [.. tokens.Select((t, i) => t.Replace(suffix, i == tokens.Count - 1 ? "" : " ", StringComparison.Ordinal))];
}
