using System.Numerics.Tensors;

namespace Maas.Llm.Sampling;

/// <summary>
/// The logit transformations, each in place on one row of logits, in the order <see cref="TokenSampler"/> applies
/// them: penalties, temperature, then the filters (top-k, top-p, min-p), which set dropped tokens to -∞.
/// Pure functions over spans so each rule is tested on hand-made arrays.
/// </summary>
internal static class LogitsProcessor
{
    /// <summary>HF <c>RepetitionPenaltyLogitsProcessor</c>: positive logits divided by the penalty, negative ones multiplied.</summary>
    public static void ApplyRepetitionPenalty(Span<float> logits, IEnumerable<int> seenTokens, float penalty)
    {
        if (penalty == 1f)
        {
            return;
        }

        foreach (var id in seenTokens)
        {
            logits[id] = logits[id] > 0 ? logits[id] / penalty : logits[id] * penalty;
        }
    }

    /// <summary>OpenAI presence/frequency penalties over the generated tokens' counts.</summary>
    public static void ApplyPresenceFrequency(Span<float> logits, IReadOnlyDictionary<int, int> generatedCounts, float presence, float frequency)
    {
        if (presence == 0f && frequency == 0f)
        {
            return;
        }

        foreach (var (id, count) in generatedCounts)
        {
            logits[id] -= (count * frequency) + presence;
        }
    }

    public static void ApplyTemperature(Span<float> logits, float temperature)
    {
        if (temperature != 1f)
        {
            TensorPrimitives.Divide(logits, temperature, logits);
        }
    }

    /// <summary>Keeps the <paramref name="k"/> largest logits (and any tied with the k-th), as HF's TopKLogitsWarper does.</summary>
    public static void ApplyTopK(Span<float> logits, int k)
    {
        if (k <= 0 || k >= logits.Length)
        {
            return;
        }

        var sorted = logits.ToArray();
        Array.Sort(sorted);
        var threshold = sorted[^k];
        foreach (ref var logit in logits)
        {
            if (logit < threshold)
            {
                logit = float.NegativeInfinity;
            }
        }
    }

    /// <summary>
    /// Nucleus filter: keeps the most likely tokens until their probability mass reaches <paramref name="p"/> (the token
    /// that crosses p is kept, so at least one token always survives).
    /// </summary>
    public static void ApplyTopP(Span<float> logits, float p)
    {
        if (p >= 1f)
        {
            return;
        }

        var probabilities = Softmax(logits);
        var order = Enumerable.Range(0, logits.Length).ToArray();
        Array.Sort(order, (a, b) => probabilities[b].CompareTo(probabilities[a]) is var c && c != 0 ? c : a.CompareTo(b));
        var mass = 0.0;
        foreach (var id in order)
        {
            if (mass >= p)
            {
                logits[id] = float.NegativeInfinity;
            }

            mass += probabilities[id];
        }
    }

    /// <summary>Drops tokens whose probability is below <paramref name="minP"/> × the top token's probability.</summary>
    public static void ApplyMinP(Span<float> logits, float minP)
    {
        if (minP <= 0f)
        {
            return;
        }

        // p_i / p_max = exp(l_i - l_max), so the test needs no normalisation.
        var threshold = TensorPrimitives.Max(logits) + MathF.Log(minP);
        foreach (ref var logit in logits)
        {
            if (logit < threshold)
            {
                logit = float.NegativeInfinity;
            }
        }
    }

    /// <summary>Index of the largest logit; the lowest index wins ties, like torch.argmax.</summary>
    public static int ArgMax(ReadOnlySpan<float> logits) => TensorPrimitives.IndexOfMax(logits);

    /// <summary>In-place log-softmax; -∞ stays -∞.</summary>
    public static void LogSoftmax(Span<float> logits)
    {
        var max = TensorPrimitives.Max(logits);
        var sum = 0.0;
        foreach (var logit in logits)
        {
            sum += Math.Exp(logit - max);
        }

        var logSum = max + (float)Math.Log(sum);
        TensorPrimitives.Subtract(logits, logSum, logits);
    }

    /// <summary>Probabilities, max-subtracted so large (temperature-scaled) logits cannot overflow; -∞ gives 0.</summary>
    public static float[] Softmax(ReadOnlySpan<float> logits)
    {
        var probabilities = new float[logits.Length];
        var max = TensorPrimitives.Max(logits);
        var sum = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            probabilities[i] = MathF.Exp(logits[i] - max);
            sum += probabilities[i];
        }

        TensorPrimitives.Divide(probabilities, (float)sum, probabilities);
        return probabilities;
    }
}
