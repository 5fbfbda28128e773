using Maas.Tokenizers.Pipeline;

namespace Maas.Tokenizers.PostProcessors;

/// <summary>One item of a template: a sequence (<c>$A</c>/<c>$B</c>) or a named special token, with its type id.</summary>
internal sealed record TemplatePiece(bool IsSequence, string Id, int TypeId);

/// <summary>
/// TemplateProcessing, and the Bert/Roberta processors expressed as templates. Without special tokens the
/// template still sets the sequences' type ids (HF behaviour) unless <paramref name="typeIdsWithoutSpecials"/>
/// is false, which is how BertProcessing leaves them alone.
/// </summary>
internal sealed class TemplateProcessor(
    IReadOnlyList<TemplatePiece> single,
    IReadOnlyList<TemplatePiece> pair,
    IReadOnlyDictionary<string, (string[] Tokens, int[] Ids)> specialTokens,
    bool typeIdsWithoutSpecials = true) : IPostProcessor
{
    public int AddedTokens(bool isPair) =>
        (isPair ? pair : single).Where(p => !p.IsSequence).Sum(p => specialTokens.TryGetValue(p.Id, out var s) ? s.Ids.Length : 0);

    public List<List<EncodedToken>> Process(List<List<EncodedToken>> sequences, bool addSpecialTokens)
    {
        if (!addSpecialTokens && !typeIdsWithoutSpecials)
        {
            return sequences;
        }

        var template = sequences.Count > 1 ? pair : single;
        var merged = new List<EncodedToken>(sequences.Sum(s => s.Count) + 4);
        foreach (var piece in template)
        {
            if (piece.IsSequence)
            {
                var index = piece.Id == "B" ? 1 : 0;
                if (index < sequences.Count)
                {
                    merged.AddRange(sequences[index].Select(t => t with { TypeId = piece.TypeId }));
                }
            }
            else if (addSpecialTokens && specialTokens.TryGetValue(piece.Id, out var special))
            {
                for (var i = 0; i < special.Ids.Length; i++)
                {
                    merged.Add(new EncodedToken(special.Ids[i], special.Tokens[i], 0, 0, piece.TypeId, Special: true));
                }
            }
        }

        return [merged];
    }
}
