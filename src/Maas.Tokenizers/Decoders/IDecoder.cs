namespace Maas.Tokenizers.Decoders;

/// <summary>The tokenizer.json <c>decoder</c>: maps token strings to text pieces; the pieces are concatenated.</summary>
internal interface IDecoder
{
    List<string> DecodeChain(List<string> tokens);
}
