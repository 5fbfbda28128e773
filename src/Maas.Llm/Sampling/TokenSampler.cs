namespace Maas.Llm.Sampling;

/// <summary>
/// Picks the next token of one sequence from the model's raw logits and remembers what it needs for penalties.
/// Owns the sequence's <see cref="Random"/>, so a seeded request draws the same numbers whatever else is batched
/// with it.
/// </summary>
internal sealed class TokenSampler
{
    private readonly SamplingParameters _parameters;
    private readonly Random _random;
    private readonly HashSet<int> _seen;
    private readonly Dictionary<int, int> _generatedCounts = [];

    public TokenSampler(SamplingParameters parameters, Random random, IEnumerable<int> promptIds)
    {
        _parameters = parameters;
        _random = random;
        _seen = [.. promptIds];
    }

    /// <summary>
    /// Chooses a token from <paramref name="rawLogits"/> (left untouched), using <paramref name="scratch"/> (vocab-sized)
    /// for the processed row.
    /// </summary>
    public SampledToken Next(ReadOnlySpan<float> rawLogits, Span<float> scratch)
    {
        var p = _parameters;
        rawLogits.CopyTo(scratch);
        LogitsProcessor.ApplyRepetitionPenalty(scratch, _seen, p.RepetitionPenalty);
        LogitsProcessor.ApplyPresenceFrequency(scratch, _generatedCounts, p.PresencePenalty, p.FrequencyPenalty);
        if (!p.IsGreedy)
        {
            LogitsProcessor.ApplyTemperature(scratch, p.Temperature);
            LogitsProcessor.ApplyTopK(scratch, p.TopK);
            LogitsProcessor.ApplyTopP(scratch, p.TopP);
            LogitsProcessor.ApplyMinP(scratch, p.MinP);
        }

        var wantsLogprobs = p.Logprobs || p.TopLogprobs > 0;
        if (p.IsGreedy && !wantsLogprobs)
        {
            // HF's greedy search takes the argmax of the processed logits; a softmax could not change it, only cost
            // an exp per vocabulary entry on every token.
            return Remember(LogitsProcessor.ArgMax(scratch), null, null);
        }

        // Log-probabilities of the distribution sampled from: what logprobs reports, and exp() of it is what we draw on.
        LogitsProcessor.LogSoftmax(scratch);
        var id = p.IsGreedy ? LogitsProcessor.ArgMax(scratch) : Draw(scratch);
        return Remember(id, wantsLogprobs ? scratch[id] : null, p.TopLogprobs > 0 ? Top(scratch, p.TopLogprobs) : null);
    }

    private SampledToken Remember(int id, float? logprob, TokenLogprob[]? top)
    {
        _seen.Add(id);
        _generatedCounts[id] = _generatedCounts.GetValueOrDefault(id) + 1;
        return new SampledToken(id, logprob, top);
    }

    private int Draw(ReadOnlySpan<float> logProbabilities)
    {
        var u = _random.NextDouble();
        var mass = 0.0;
        var last = 0;
        for (var i = 0; i < logProbabilities.Length; i++)
        {
            if (float.IsNegativeInfinity(logProbabilities[i]))
            {
                continue;
            }

            mass += Math.Exp(logProbabilities[i]);
            last = i;
            if (u < mass)
            {
                return i;
            }
        }

        // Rounding can leave the total a hair under 1; the last possible token takes the remainder.
        return last;
    }

    /// <summary>The <paramref name="count"/> most likely tokens, best first; filtered (-∞) tokens are never listed.</summary>
    internal static TokenLogprob[] Top(ReadOnlySpan<float> logProbabilities, int count)
    {
        var heap = new PriorityQueue<int, float>(count + 1);
        for (var i = 0; i < logProbabilities.Length; i++)
        {
            if (float.IsNegativeInfinity(logProbabilities[i]))
            {
                continue;
            }

            heap.Enqueue(i, logProbabilities[i]);
            if (heap.Count > count)
            {
                heap.Dequeue();
            }
        }

        var top = new TokenLogprob[heap.Count];
        for (var i = top.Length - 1; i >= 0; i--)
        {
            var id = heap.Dequeue();
            top[i] = new TokenLogprob(id, logProbabilities[id]);
        }

        return top;
    }
}

/// <summary>The token a <see cref="TokenSampler"/> chose, with logprobs when asked for.</summary>
internal readonly record struct SampledToken(int Id, float? Logprob, TokenLogprob[]? TopLogprobs);
