namespace Maas.Tokenizers.Decoders;

/// <summary>Removes up to <c>start</c> leading and <c>stop</c> trailing occurrences of a char from every token.</summary>
internal sealed class StripDecoder(char content, int start, int stop) : IDecoder
{
    public List<string> DecodeChain(List<string> tokens)
    {
        var output = new List<string>(tokens.Count);
        foreach (var token in tokens)
        {
            var from = 0;
            while (from < start && from < token.Length && token[from] == content)
            {
                from++;
            }

            var to = token.Length;
            while (token.Length - to < stop && to > from && token[to - 1] == content)
            {
                to--;
            }

            output.Add(token[from..to]);
        }

        return output;
    }
}
