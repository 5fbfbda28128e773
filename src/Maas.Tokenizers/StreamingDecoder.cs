namespace Maas.Tokenizers;

/// <summary>
/// Turns a stream of generated ids into text deltas that are always complete: a piece is held back while the
/// decoded text ends in U+FFFD (half a UTF-8 character from byte-level or byte-fallback tokens). The previous
/// tokens are kept as context so rules that depend on position (Metaspace's leading space, WordPiece's "##")
/// decode as they would in the full text. Concatenating every delta and <see cref="Flush"/> gives
/// <see cref="HfTokenizer.Decode"/> of all ids. Not thread-safe: one per generation.
/// </summary>
public sealed class StreamingDecoder
{
    private readonly HfTokenizer _tokenizer;
    private readonly bool _skipSpecialTokens;
    private readonly List<int> _ids = [];
    private string _prefix = "";
    private int _prefixIndex;

    internal StreamingDecoder(HfTokenizer tokenizer, bool skipSpecialTokens)
    {
        _tokenizer = tokenizer;
        _skipSpecialTokens = skipSpecialTokens;
    }

    /// <summary>Adds one id; returns the new complete text, or "" while a character is still incomplete.</summary>
    public string Append(int id)
    {
        _ids.Add(id);
        var text = _tokenizer.Decode(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_ids), _skipSpecialTokens);
        if (text.Length <= _prefix.Length || text.EndsWith('\uFFFD') || !text.StartsWith(_prefix, StringComparison.Ordinal))
        {
            return "";
        }

        var delta = text[_prefix.Length..];
        // Keep only the ids since the last emitted piece began, as context for the next one.
        var newPrefixIndex = _ids.Count - _prefixIndex;
        _ids.RemoveRange(0, _prefixIndex);
        _prefix = _tokenizer.Decode(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_ids), _skipSpecialTokens);
        _prefixIndex = newPrefixIndex;
        return delta;
    }

    /// <summary>Returns whatever is still held back (possibly ending in U+FFFD) and resets the decoder.</summary>
    public string Flush()
    {
        var text = _tokenizer.Decode(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_ids), _skipSpecialTokens);
        var delta = text.Length > _prefix.Length && text.StartsWith(_prefix, StringComparison.Ordinal) ? text[_prefix.Length..] : "";
        _ids.Clear();
        _prefix = "";
        _prefixIndex = 0;
        return delta;
    }
}
