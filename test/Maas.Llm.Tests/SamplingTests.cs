using Maas.Errors;
using Maas.Llm.Models;
using Maas.Llm.Sampling;

namespace Maas.Llm.Tests;

/// <summary>Sampling through the engine on gpt2-tiny.</summary>
public sealed class SamplingTests : IAsyncLifetime
{
    // gpt2-tiny is sure of itself (top-1 margins of 7+ logits); a high temperature makes sampling visible.
    private static readonly SamplingParameters Hot = new() { Temperature = 8f, MaxTokens = 16, StopTokenIds = [] };
    private static readonly int[] Prompt = Gpt2Tiny.Generations[0].PromptIds;
    private GenerationEngine _engine = null!;

    public Task InitializeAsync()
    {
        _engine = Gpt2Tiny.Engine();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task GenerateAsync_SameSeed_SameTokens()
    {
        var a = await Ids(Hot with { Seed = 42 });
        var b = await Ids(Hot with { Seed = 42 });

        Assert.Equal(a, b);
    }

    [Fact]
    public async Task GenerateAsync_DifferentSeeds_DifferentTokens()
    {
        var runs = new List<string>();
        foreach (var seed in new[] { 1, 2, 3 })
        {
            runs.Add(string.Join(',', await Ids(Hot with { Seed = seed })));
        }

        Assert.True(runs.Distinct().Count() > 1);
    }

    [Fact]
    public async Task GenerateAsync_TopKOne_EqualsGreedy()
    {
        var greedy = await Ids(TestSupport.ReferenceGreedy);
        var topOne = await Ids(Hot with { TopK = 1, MaxTokens = Gpt2Tiny.MaxNewTokens, StopTokenIds = [], Seed = 5 });

        Assert.Equal(Gpt2Tiny.Generations[0].GeneratedIds, greedy);
        Assert.Equal(greedy, topOne);
    }

    [Fact]
    public async Task GenerateAsync_Logprobs_AreLogSoftmaxOfTheLogits()
    {
        var raw = new List<float[]>();
        var tokens = await TestSupport.CollectAsync(_engine.GenerateAsync(
            Prompt, TestSupport.ReferenceGreedy with { Logprobs = true, TopLogprobs = 3 }, l => raw.Add(l.ToArray()), CancellationToken.None));

        for (var step = 0; step < tokens.Count; step++)
        {
            var logits = raw[step];
            var max = logits.Max();
            var logSum = max + (float)Math.Log(logits.Sum(l => Math.Exp(l - max)));
            Assert.Equal(logits[tokens[step].Id] - logSum, tokens[step].Logprob!.Value, 1e-4f);
            Assert.Equal(tokens[step].Id, tokens[step].TopLogprobs![0].Id);
            Assert.Equal(3, tokens[step].TopLogprobs!.Count);
        }
    }

    [Fact]
    public async Task GenerateAsync_IgnoreEos_RunsToMaxTokensPastTheEos()
    {
        var reference = Gpt2Tiny.Generations[0];

        var ids = await Ids(TestSupport.ReferenceGreedy with { IgnoreEos = true, MaxTokens = reference.GeneratedIds.Length + 3 });

        Assert.Equal(reference.GeneratedIds, ids[..reference.GeneratedIds.Length]);
        Assert.Equal(reference.GeneratedIds.Length + 3, ids.Length);
    }

    [Fact]
    public void FromDefaults_DoSampleFalse_IsGreedyWithMaxTokens()
    {
        var parameters = SamplingParameters.FromDefaults(_engine.Model.Defaults);

        Assert.True(parameters.IsGreedy);
        Assert.Equal(Gpt2Tiny.MaxNewTokens, parameters.MaxTokens);
        Assert.False(SamplingParameters.FromDefaults(GenerationDefaults.None).IsGreedy);
    }

    [Fact]
    public void Validate_TopPZero_ThrowsInvalidInputNamingTheField()
    {
        var error = Assert.Throws<MaasException>(() => (SamplingParameters.Greedy with { TopP = 0 }).Validate(459));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.StartsWith("top_p", error.Message, StringComparison.Ordinal);
    }

    private async Task<int[]> Ids(SamplingParameters sampling) =>
        (await TestSupport.CollectAsync(_engine.GenerateAsync(Prompt, sampling))).Select(t => t.Id).ToArray();
}
