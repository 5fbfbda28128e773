using Maas.Tokenizers.AddedTokens;
using Maas.Tokenizers.Models;
using Maas.Tokenizers.Normalizers;
using Maas.Tokenizers.PreTokenizers;
using Maas.Tokenizers.Text;

namespace Maas.Tokenizers.Pipeline;

/// <summary>
/// Encodes one text without post-processing: added tokens out of the raw text, normalize each remaining
/// segment, added tokens out of the normalized text, pre-tokenize, run the model, map offsets back.
/// </summary>
internal sealed class TextEncoder(AddedVocabulary added, INormalizer? normalizer, IPreTokenizer? preTokenizer, ITokenModel model)
{
    public List<EncodedToken> Encode(string text)
    {
        var output = new List<EncodedToken>(text.Length / 3 + 4);
        var modelTokens = new List<ModelToken>();
        var pos = 0;
        foreach (var (start, end, token) in added.Raw.IsEmpty ? [] : added.Raw.FindAll(text))
        {
            EncodeSegment(AlignedString.FromOriginal(text, pos, start - pos), output, modelTokens);
            output.Add(new EncodedToken(token.Id, token.Content, start, end, 0, Special: false));
            pos = end;
        }

        EncodeSegment(AlignedString.FromOriginal(text, pos, text.Length - pos), output, modelTokens);
        return output;
    }

    private void EncodeSegment(AlignedString segment, List<EncodedToken> output, List<ModelToken> modelTokens)
    {
        if (segment.Length == 0)
        {
            return;
        }

        var normalized = normalizer?.Normalize(segment) ?? segment;
        if (added.NormalizedMatcher.IsEmpty)
        {
            Tokenize(normalized, output, modelTokens);
            return;
        }

        var pos = 0;
        foreach (var (start, end, token) in added.NormalizedMatcher.FindAll(normalized.Text))
        {
            Tokenize(normalized.Slice(pos, start - pos), output, modelTokens);
            var (originalStart, originalEnd) = normalized.OriginalSpan(start, end);
            output.Add(new EncodedToken(token.Id, token.Content, originalStart, originalEnd, 0, Special: false));
            pos = end;
        }

        Tokenize(normalized.Slice(pos, normalized.Length - pos), output, modelTokens);
    }

    private void Tokenize(AlignedString text, List<EncodedToken> output, List<ModelToken> modelTokens)
    {
        if (text.Length == 0)
        {
            return;
        }

        List<AlignedString> pieces;
        if (preTokenizer is null)
        {
            pieces = [text];
        }
        else
        {
            pieces = new List<AlignedString>();
            preTokenizer.Split(text, pieces);
        }

        foreach (var piece in pieces)
        {
            modelTokens.Clear();
            model.Tokenize(piece.Text, modelTokens);
            foreach (var t in modelTokens)
            {
                var (start, end) = piece.OriginalSpan(t.Start, t.End);
                output.Add(new EncodedToken(t.Id, t.Value, start, end, 0, Special: false));
            }
        }
    }
}
