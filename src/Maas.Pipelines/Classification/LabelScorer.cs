namespace Maas.Pipelines.Classification;

/// <summary>Turns one row of logits into a <see cref="ClassificationResult"/> with the model's label names.</summary>
internal sealed class LabelScorer(IReadOnlyList<string>? labels, bool multiLabel)
{
    public bool MultiLabel { get; } = multiLabel;

    public string LabelOf(int index) => labels is not null && index < labels.Count ? labels[index] : $"LABEL_{index}";

    public ClassificationResult Score(ReadOnlySpan<float> logits, int? topK)
    {
        Span<float> probabilities = logits.Length <= 256 ? stackalloc float[logits.Length] : new float[logits.Length];
        if (MultiLabel)
        {
            Scores.Sigmoid(logits, probabilities);
        }
        else
        {
            Scores.Softmax(logits, probabilities);
        }

        var best = Scores.ArgMax(probabilities);
        var all = new LabelScore[probabilities.Length];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = new LabelScore(LabelOf(i), probabilities[i]);
        }

        IReadOnlyList<LabelScore> scores = topK is { } k
            ? all.OrderByDescending(s => s.Score).Take(Math.Max(1, k)).ToArray()
            : all;
        return new ClassificationResult(all[best].Label, all[best].Score, scores);
    }
}
