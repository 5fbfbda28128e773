namespace Maas.Pipelines.Classification;

/// <summary>Logits to probabilities: softmax across labels (single-label) or a sigmoid per label (multi-label).</summary>
internal static class Scores
{
    public static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        var max = float.NegativeInfinity;
        foreach (var logit in logits)
        {
            max = Math.Max(max, logit);
        }

        double sum = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            sum += Math.Exp(logits[i] - max);
        }

        for (var i = 0; i < logits.Length; i++)
        {
            probabilities[i] = (float)(Math.Exp(logits[i] - max) / sum);
        }
    }

    public static void Sigmoid(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        for (var i = 0; i < logits.Length; i++)
        {
            probabilities[i] = (float)(1.0 / (1.0 + Math.Exp(-logits[i])));
        }
    }

    /// <summary>Index of the largest value; the first one on ties, like numpy's argmax.</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
