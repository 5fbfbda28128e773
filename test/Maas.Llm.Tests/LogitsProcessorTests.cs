using Maas.Llm.Sampling;

namespace Maas.Llm.Tests;

/// <summary>Each logit rule on small arrays whose answers are worked out by hand.</summary>
public sealed class LogitsProcessorTests
{
    private const float Ninf = float.NegativeInfinity;

    [Fact]
    public void ApplyRepetitionPenalty_SeenTokens_DividesPositiveMultipliesNegative()
    {
        float[] logits = [4f, -2f, 3f, 1f];

        LogitsProcessor.ApplyRepetitionPenalty(logits, [0, 1], 2f);

        Assert.Equal([2f, -4f, 3f, 1f], logits);
    }

    [Fact]
    public void ApplyPresenceFrequency_GeneratedCounts_SubtractsPresenceOnceAndFrequencyPerOccurrence()
    {
        float[] logits = [1f, 1f, 1f];

        LogitsProcessor.ApplyPresenceFrequency(logits, new Dictionary<int, int> { [0] = 3, [2] = 1 }, presence: 0.5f, frequency: 0.25f);

        // token 0: 1 - (3 × 0.25 + 0.5) = -0.25; token 2: 1 - (0.25 + 0.5) = 0.25; token 1 untouched.
        Assert.Equal([-0.25f, 1f, 0.25f], logits);
    }

    [Fact]
    public void ApplyTemperature_Half_DoublesLogits()
    {
        float[] logits = [1f, -3f];

        LogitsProcessor.ApplyTemperature(logits, 0.5f);

        Assert.Equal([2f, -6f], logits);
    }

    [Fact]
    public void ApplyTopK_Two_KeepsTheTwoLargest()
    {
        float[] logits = [0.1f, 3f, 2f, -1f];

        LogitsProcessor.ApplyTopK(logits, 2);

        Assert.Equal([Ninf, 3f, 2f, Ninf], logits);
    }

    [Fact]
    public void ApplyTopP_MassReachedByTwoTokens_DropsTheRest()
    {
        // Probabilities 0.5, 0.25, 0.125, 0.125: with p = 0.7 the first two (0.75) are needed, the rest go.
        float[] logits = [MathF.Log(0.5f), MathF.Log(0.25f), MathF.Log(0.125f), MathF.Log(0.125f)];

        LogitsProcessor.ApplyTopP(logits, 0.7f);

        Assert.False(float.IsNegativeInfinity(logits[0]));
        Assert.False(float.IsNegativeInfinity(logits[1]));
        Assert.Equal([Ninf, Ninf], logits[2..]);
    }

    [Fact]
    public void ApplyTopP_TinyP_KeepsOnlyTheTopToken()
    {
        float[] logits = [1f, 5f, 2f];

        LogitsProcessor.ApplyTopP(logits, 0.01f);

        Assert.Equal([Ninf, 5f, Ninf], logits);
    }

    [Fact]
    public void ApplyMinP_Quarter_DropsTokensBelowAQuarterOfTheTop()
    {
        // Probabilities relative to the top: 1, 0.5, 0.2 → min_p 0.25 keeps the first two.
        float[] logits = [0f, MathF.Log(0.5f), MathF.Log(0.2f)];

        LogitsProcessor.ApplyMinP(logits, 0.25f);

        Assert.Equal(0f, logits[0]);
        Assert.Equal(MathF.Log(0.5f), logits[1]);
        Assert.Equal(Ninf, logits[2]);
    }

    [Fact]
    public void LogSoftmax_TwoEqualAndFiltered_GivesLogHalfAndKeepsMinusInfinity()
    {
        float[] logits = [7f, 7f, Ninf];

        LogitsProcessor.LogSoftmax(logits);

        Assert.Equal(MathF.Log(0.5f), logits[0], 1e-6f);
        Assert.Equal(MathF.Log(0.5f), logits[1], 1e-6f);
        Assert.Equal(Ninf, logits[2]);
    }

    [Fact]
    public void Softmax_HugeLogits_DoesNotOverflow()
    {
        var probabilities = LogitsProcessor.Softmax([1000f, 1000f - MathF.Log(3f)]);

        // 1000 - ln 3 is only representable to about 6e-5 in float32.
        Assert.Equal(0.75f, probabilities[0], 1e-4f);
        Assert.Equal(0.25f, probabilities[1], 1e-4f);
    }

    [Fact]
    public void Top_MoreRequestedThanSurvive_ListsOnlyFiniteBestFirst()
    {
        var top = TokenSampler.Top([-1f, Ninf, -0.5f, -3f], 3);

        Assert.Equal([2, 0, 3], top.Select(t => t.Id));
        Assert.Equal(-0.5f, top[0].Logprob);
        Assert.Equal(2, TokenSampler.Top([-1f, Ninf, -0.5f], 5).Length);
    }

    [Fact]
    public void Next_GreedyWithRepetitionPenalty_AvoidsTheSeenTopToken()
    {
        var sampler = new TokenSampler(SamplingParameters.Greedy with { RepetitionPenalty = 2f }, new Random(0), [0]);

        // Token 0 (3.0) is in the prompt: 3 / 2 = 1.5 < 2.0, so token 1 wins.
        var token = sampler.Next([3f, 2f, 1f], new float[3]);

        Assert.Equal(1, token.Id);
    }

    [Fact]
    public void Next_Sampling_FollowsTheDistribution()
    {
        var sampler = new TokenSampler(new SamplingParameters { Seed = 7 }, new Random(7), []);
        float[] logits = [MathF.Log(0.7f), MathF.Log(0.2f), MathF.Log(0.1f)];
        var counts = new int[3];

        for (var i = 0; i < 4000; i++)
        {
            counts[sampler.Next(logits, new float[3]).Id]++;
        }

        Assert.InRange(counts[0], 2600, 3000);
        Assert.InRange(counts[1], 650, 950);
        Assert.InRange(counts[2], 280, 520);
    }

    [Fact]
    public void Next_LogprobsRequested_ReturnsLogSoftmaxOfProcessedRow()
    {
        var sampler = new TokenSampler(SamplingParameters.Greedy with { Logprobs = true, TopLogprobs = 2 }, new Random(0), []);

        var token = sampler.Next([2f, 2f, Ninf], new float[3]);

        Assert.Equal(0, token.Id);
        Assert.Equal(MathF.Log(0.5f), token.Logprob!.Value, 1e-6f);
        Assert.Equal(2, token.TopLogprobs!.Length);
    }
}
