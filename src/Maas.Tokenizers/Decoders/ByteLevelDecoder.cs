using Maas.Tokenizers.Text;

namespace Maas.Tokenizers.Decoders;

/// <summary>
/// Reverses the byte-level alphabet and decodes the bytes as UTF-8 (invalid sequences → U+FFFD). A token with a
/// char outside the alphabet (e.g. an added token with non-ASCII text) contributes its own UTF-8 bytes.
/// </summary>
internal sealed class ByteLevelDecoder : IDecoder
{
    public List<string> DecodeChain(List<string> tokens)
    {
        var bytes = new List<byte>();
        foreach (var token in tokens)
        {
            var start = bytes.Count;
            foreach (var c in token)
            {
                if (!ByteLevelAlphabet.TryDecode(c, out var b))
                {
                    bytes.RemoveRange(start, bytes.Count - start);
                    bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(token));
                    break;
                }

                bytes.Add(b);
            }
        }

        return [System.Text.Encoding.UTF8.GetString([.. bytes])];
    }
}
