namespace Maas.Tokenizers.Decoders;

/// <summary>'▁' → ' '; in the first token the replacement chars are dropped unless the scheme never prepends (HF quirk kept).</summary>
internal sealed class MetaspaceDecoder(char replacement, bool prepends) : IDecoder
{
    public List<string> DecodeChain(List<string> tokens)
    {
        var output = new List<string>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            output.Add(i == 0 && prepends
                ? tokens[i].Replace(replacement.ToString(), "", StringComparison.Ordinal)
                : tokens[i].Replace(replacement, ' '));
        }

        return output;
    }
}
