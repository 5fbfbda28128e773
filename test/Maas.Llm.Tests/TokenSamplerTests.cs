using Maas.Llm.Sampling;

namespace Maas.Llm.Tests;

/// <summary>The sampler on hand-made logits: greedy skips the softmax unless logprobs are asked for, and must not change its choice.</summary>
public sealed class TokenSamplerTests
{
    private static readonly float[] Logits = [0.5f, 3.0f, 2.9f, -1.0f, 3.0f];

    [Fact]
    public void Next_Greedy_TakesFirstHighestLogitWithOrWithoutLogprobs()
    {
        var plain = Sample(SamplingParameters.Greedy, []);
        var withLogprobs = Sample(SamplingParameters.Greedy with { Logprobs = true, TopLogprobs = 2 }, []);

        Assert.Equal(1, plain.Id);
        Assert.Null(plain.Logprob);
        Assert.Equal(plain.Id, withLogprobs.Id);
        Assert.NotNull(withLogprobs.Logprob);
    }

    [Fact]
    public void Next_GreedyWithRepetitionPenalty_PenalisesSeenTokensBeforeArgMax()
    {
        // Token 1 was in the prompt: 3.0 / 2 = 1.5 drops it below token 2 (2.9); token 4 ties 3.0 and wins.
        var token = Sample(SamplingParameters.Greedy with { RepetitionPenalty = 2f }, [1]);

        Assert.Equal(4, token.Id);
    }

    [Fact]
    public void Next_GreedyWithFrequencyPenalty_CountsItsOwnTokens()
    {
        var sampler = new TokenSampler(SamplingParameters.Greedy with { FrequencyPenalty = 0.5f }, new Random(1), []);
        var scratch = new float[Logits.Length];

        var first = sampler.Next(Logits, scratch).Id;
        var second = sampler.Next(Logits, scratch).Id;

        Assert.Equal(1, first);
        Assert.Equal(4, second);
    }

    private static SampledToken Sample(SamplingParameters parameters, int[] prompt) =>
        new TokenSampler(parameters, new Random(1), prompt).Next(Logits, new float[Logits.Length]);
}
