using System.Text.RegularExpressions;

namespace Maas.Tokenizers.Decoders;

internal sealed class ReplaceDecoder(Regex pattern, string content) : IDecoder
{
    public List<string> DecodeChain(List<string> tokens) => [.. tokens.Select(t => pattern.Replace(t, content.Replace("$", "$$", StringComparison.Ordinal)))];
}
