using Microsoft.ML.OnnxRuntime;

namespace Maas.Llm.Tests;

/// <summary>The engine against the PyTorch answers in gpt2-tiny's expected.json.</summary>
public sealed class GenerationEngineReferenceTests : IAsyncLifetime
{
    private GenerationEngine _engine = null!;

    public Task InitializeAsync()
    {
        _engine = Gpt2Tiny.Engine();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public void Load_Gpt2Tiny_ReadsConfigAndGraph()
    {
        var model = _engine.Model;

        Assert.Equal("onnx/model.onnx", model.ModelFile);
        Assert.Equal(2, model.Layers);
        Assert.Equal(4, model.AttentionHeads);
        Assert.Equal(4, model.KeyValueHeads);
        Assert.Equal(16, model.HeadDim);
        Assert.Equal(128, model.ContextLength);
        Assert.Equal(459, model.VocabSize);
        Assert.Equal([456, 458], model.EosTokenIds);
        Assert.True(model.HasPositionIds);
        Assert.False(model.HasCacheBranch);
        Assert.Equal(Gpt2Tiny.MaxNewTokens, model.Defaults.MaxNewTokens);
        Assert.False(model.Defaults.DoSample);
    }

    [Theory]
    [MemberData(nameof(Gpt2Tiny.GenerationIndexes), MemberType = typeof(Gpt2Tiny))]
    public async Task GenerateAsync_GreedyReferencePrompt_ReproducesGeneratedIds(int index)
    {
        var reference = Gpt2Tiny.Generations[index];

        var tokens = await TestSupport.CollectAsync(_engine.GenerateAsync(reference.PromptIds, TestSupport.ReferenceGreedy));

        Assert.Equal(reference.GeneratedIds, tokens.Select(t => t.Id));
        Assert.All(tokens[..^1], t => Assert.Null(t.Finish));
        var expectedFinish = reference.GeneratedIds.Length < Gpt2Tiny.MaxNewTokens ? FinishReason.Stop : FinishReason.Length;
        Assert.Equal(expectedFinish, tokens[^1].Finish);
    }

    [Theory]
    [MemberData(nameof(Gpt2Tiny.GenerationIndexes), MemberType = typeof(Gpt2Tiny))]
    public async Task GenerateAsync_GreedyReferencePrompt_LogitsMatchFirstStepAndEveryChosenToken(int index)
    {
        var reference = Gpt2Tiny.Generations[index];
        var steps = new List<float[]>();

        await TestSupport.CollectAsync(_engine.GenerateAsync(
            reference.PromptIds, TestSupport.ReferenceGreedy, logits => steps.Add(logits.ToArray()), CancellationToken.None));

        var first = steps[0];
        var top5 = Enumerable.Range(0, first.Length).OrderByDescending(i => first[i]).Take(5).ToArray();
        Assert.Equal(reference.Top5Ids, top5);
        for (var i = 0; i < 5; i++)
        {
            Assert.InRange(first[top5[i]], reference.Top5Logits[i] - Gpt2Tiny.LogitsTolerance, reference.Top5Logits[i] + Gpt2Tiny.LogitsTolerance);
        }

        Assert.Equal(reference.GreedyStepLogits.Length, steps.Count);
        for (var step = 0; step < steps.Count; step++)
        {
            var chosen = steps[step][reference.GeneratedIds[step]];
            Assert.InRange(chosen, reference.GreedyStepLogits[step] - Gpt2Tiny.LogitsTolerance, reference.GreedyStepLogits[step] + Gpt2Tiny.LogitsTolerance);
        }
    }

    [Fact]
    public async Task GenerateAsync_Greedy_MatchesRawOnnxRuntimeLoop()
    {
        using var session = new InferenceSession(Path.Combine(Gpt2Tiny.Folder, "onnx", "model.onnx"));
        var prompt = Gpt2Tiny.Generations[1].PromptIds;
        var eos = new HashSet<int>(_engine.Model.EosTokenIds);

        var raw = RawGreedyLoop.Generate(session, 2, 4, 16, prompt, maxNewTokens: 60, eos);
        var tokens = await TestSupport.CollectAsync(_engine.GenerateAsync(prompt, TestSupport.ReferenceGreedy with { MaxTokens = 60 }));

        Assert.True(raw.Count > Gpt2Tiny.MaxNewTokens, "the comparison should run past the reference length");
        Assert.Equal(raw, tokens.Select(t => t.Id));
    }

    [Fact]
    public async Task GenerateAsync_LongPromptInSeveralChunks_SameTokensAsOneChunk()
    {
        await using var chunked = Gpt2Tiny.Engine(new GenerationEngineOptions { IntraOpThreads = 1, PrefillChunkTokens = 5 });
        var prompt = Gpt2Tiny.Generations.SelectMany(g => g.PromptIds.Concat(g.GeneratedIds)).Take(40).ToArray();

        var whole = await TestSupport.CollectAsync(_engine.GenerateAsync(prompt, TestSupport.ReferenceGreedy));
        var inChunks = await TestSupport.CollectAsync(chunked.GenerateAsync(prompt, TestSupport.ReferenceGreedy));

        Assert.Equal(whole.Select(t => t.Id), inChunks.Select(t => t.Id));
        Assert.True(chunked.Snapshot().Steps >= 8 + inChunks.Count - 1);
    }

    [Fact]
    public async Task GenerateAsync_DecodeSteadyState_FeedsPresentsBackWithoutGather()
    {
        var reference = Gpt2Tiny.Generations[1];

        var tokens = await TestSupport.CollectAsync(_engine.GenerateAsync(reference.PromptIds, TestSupport.ReferenceGreedy));

        // The first decode run gathers; every later one reuses the previous presents.
        Assert.Equal(tokens.Count - 2, _engine.ReusedPastRuns);
    }
}
