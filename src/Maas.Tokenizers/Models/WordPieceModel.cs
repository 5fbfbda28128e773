namespace Maas.Tokenizers.Models;

/// <summary>
/// Greedy longest-match-first WordPiece. A word with any unmatched remainder, or longer than
/// <c>max_input_chars_per_word</c> code points, becomes a single unk token covering the whole word.
/// </summary>
internal sealed class WordPieceModel(Vocabulary vocabulary, string unkToken, string prefix, int maxInputCharsPerWord) : ITokenModel
{
    public Vocabulary Vocabulary => vocabulary;

    public void Tokenize(string piece, List<ModelToken> output)
    {
        var before = output.Count;
        if (CountRunes(piece) <= maxInputCharsPerWord && TryTokenize(piece, output))
        {
            return;
        }

        output.RemoveRange(before, output.Count - before);
        if (!vocabulary.TryGetId(unkToken, out var unkId))
        {
            throw new InvalidOperationException($"WordPiece unk_token '{unkToken}' is not in the vocabulary");
        }

        output.Add(new ModelToken(unkId, unkToken, 0, piece.Length));
    }

    private bool TryTokenize(string word, List<ModelToken> output)
    {
        // Layout prefix+word in one buffer; before looking up a continuation piece starting at `start`, the prefix
        // is copied right in front of it, over chars that are already consumed.
        var p = prefix.Length;
        Span<char> buffer = word.Length + p <= 256 ? stackalloc char[word.Length + p] : new char[word.Length + p];
        prefix.AsSpan().CopyTo(buffer);
        word.AsSpan().CopyTo(buffer[p..]);
        var start = 0;
        while (start < word.Length)
        {
            if (start > 0)
            {
                prefix.AsSpan().CopyTo(buffer[start..]);
            }

            var end = word.Length;
            var found = false;
            while (end > start)
            {
                var candidate = start == 0 ? buffer[p..(p + end)] : buffer[start..(p + end)];
                if (vocabulary.TryGetId(candidate, out var id))
                {
                    output.Add(new ModelToken(id, candidate.ToString(), start, end));
                    found = true;
                    break;
                }

                end -= end - 1 > start && char.IsLowSurrogate(word[end - 1]) && char.IsHighSurrogate(word[end - 2]) ? 2 : 1;
            }

            if (!found)
            {
                return false;
            }

            start = end;
        }

        return true;
    }

    private static int CountRunes(string s)
    {
        var count = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (!char.IsLowSurrogate(s[i]) || i == 0 || !char.IsHighSurrogate(s[i - 1]))
            {
                count++;
            }
        }

        return count;
    }
}
