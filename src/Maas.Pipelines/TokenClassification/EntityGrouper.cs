using Maas.Pipelines.Classification;
using Maas.Tokenizers;

namespace Maas.Pipelines.TokenClassification;

/// <summary>
/// transformers' "simple" aggregation: each non-special token takes its argmax label; consecutive tokens with the same
/// entity type join unless a token starts a new one (B-); groups are scored by their mean and "O" groups dropped.
/// </summary>
internal sealed class EntityGrouper(LabelScorer labels, HfTokenizer tokenizer)
{
    private const string Outside = "O";
    private readonly int? _unknownId = tokenizer.Config.TryGetValue("unk_token", out var unk) ? tokenizer.TokenToId(unk) : null;

    public IReadOnlyList<Entity> Group(string text, Encoding encoding, ReadOnlySpan<float> logits, int labelCount)
    {
        var entities = new List<Entity>();
        var run = new List<int>();
        Span<float> probabilities = labelCount <= 256 ? stackalloc float[labelCount] : new float[labelCount];
        string? runLabel = null;
        double runScore = 0;
        for (var t = 0; t < encoding.Length; t++)
        {
            if (encoding.SpecialTokensMask[t] == 1)
            {
                continue;
            }

            Scores.Softmax(logits.Slice(t * labelCount, labelCount), probabilities);
            var best = Scores.ArgMax(probabilities);
            var label = labels.LabelOf(best);
            var (begins, type) = Tag(label);
            if (run.Count > 0 && (begins || type != Tag(runLabel!).Type))
            {
                Flush();
            }

            if (run.Count == 0)
            {
                runLabel = label;
                runScore = 0;
            }

            run.Add(t);
            runScore += probabilities[best];
        }

        Flush();
        return entities;

        void Flush()
        {
            if (run.Count == 0)
            {
                return;
            }

            var type = Tag(runLabel!).Type;
            if (type != Outside)
            {
                var start = encoding.Offsets[run[0]].Start;
                var end = encoding.Offsets[run[^1]].End;
                entities.Add(new Entity(type, (float)(runScore / run.Count), Word(text, encoding, run, start, end), start, end));
            }

            run.Clear();
        }
    }

    /// <summary>transformers' get_tag: "B-X" begins X, "I-X" continues X, anything else continues itself.</summary>
    private static (bool Begins, string Type) Tag(string label) =>
        label.StartsWith("B-", StringComparison.Ordinal) ? (true, label[2..])
        : label.StartsWith("I-", StringComparison.Ordinal) ? (false, label[2..])
        : (false, label);

    // transformers decodes the group's tokens (lower-cased, "##" pieces joined); an [UNK] token has no text of its
    // own, so such a group shows the input's characters instead.
    private string Word(string text, Encoding encoding, List<int> run, int start, int end)
    {
        var ids = new int[run.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = encoding.Ids[run[i]];
            if (ids[i] == _unknownId)
            {
                return text[start..end];
            }
        }

        return tokenizer.Decode(ids, skipSpecialTokens: false);
    }
}
