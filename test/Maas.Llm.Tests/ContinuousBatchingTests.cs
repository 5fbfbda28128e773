using Maas.Llm.Sampling;

namespace Maas.Llm.Tests;

/// <summary>Concurrent requests share forward passes and still produce exactly what each produces alone.</summary>
public sealed class ContinuousBatchingTests
{
    [Fact]
    public async Task GenerateAsync_EightStaggeredGreedyRequests_EachMatchesItsSoloRun()
    {
        await using var engine = Gpt2Tiny.Engine();
        var requests = Enumerable.Range(0, 8).Select(Request).ToArray();
        var solo = new List<int[]>();
        var soloLogits = new List<List<float[]>>();
        foreach (var (prompt, sampling) in requests)
        {
            var logits = new List<float[]>();
            soloLogits.Add(logits);
            var tokens = await TestSupport.CollectAsync(engine.GenerateAsync(prompt, sampling, row => logits.Add(row.ToArray()), CancellationToken.None));
            solo.Add([.. tokens.Select(t => t.Id)]);
        }

        var stepsBefore = engine.Snapshot().Steps;

        // gpt2-tiny decodes a whole answer in about a millisecond, so wall-clock staggering would never overlap.
        // Instead every sampled row takes a permit; request i starts once the earlier ones used up 6 more permits,
        // so it joins a batch that is mid-stream, and some earlier requests finish while later ones run.
        using var permits = new SemaphoreSlim(0);
        var pending = new List<Task<List<GeneratedToken>>>();
        var togetherLogits = new List<List<float[]>>();
        foreach (var (prompt, sampling) in requests)
        {
            var logits = new List<float[]>();
            togetherLogits.Add(logits);
            pending.Add(TestSupport.CollectAsync(engine.GenerateAsync(
                prompt,
                sampling,
                row =>
                {
                    logits.Add(row.ToArray());
                    permits.Wait();
                },
                CancellationToken.None)));
            permits.Release(6);
            while (permits.CurrentCount > 0 && !pending.TrueForAll(t => t.IsCompleted))
            {
                await Task.Delay(1);
            }
        }

        permits.Release(10_000);
        var together = (await Task.WhenAll(pending)).Select(tokens => tokens.Select(t => t.Id).ToArray()).ToArray();

        for (var i = 0; i < requests.Length; i++)
        {
            Assert.Equal(solo[i], together[i]);

            // Equal argmaxes could hide a damaged cache position (greedy on a tiny model shrugs off a lot), so every
            // step's logits must match the solo run's too: batching, padding and cache moves change nothing.
            Assert.Equal(soloLogits[i].Count, togetherLogits[i].Count);
            for (var step = 0; step < soloLogits[i].Count; step++)
            {
                var gap = soloLogits[i][step].Zip(togetherLogits[i][step], (a, b) => Math.Abs(a - b)).Max();
                Assert.True(gap < 1e-4f, $"request {i}, token {step}: logits differ by {gap}");
            }
        }

        // Sharing is real: far fewer steps than tokens (alone, every token costs one step).
        var steps = engine.Snapshot().Steps - stepsBefore;
        Assert.True(steps < together.Sum(t => t.Length) * 3 / 4, $"{steps} steps for {together.Sum(t => t.Length)} tokens");
    }

    [Fact]
    public async Task GenerateAsync_CacheBudgetForOneRequest_SecondWaitsThenMatches()
    {
        var reference = Gpt2Tiny.Generations[0];
        var reserved = reference.PromptIds.Length + Gpt2Tiny.MaxNewTokens - 1;
        await using var engine = Gpt2Tiny.Engine(new GenerationEngineOptions { IntraOpThreads = 1, CacheTokens = reserved + 5 });
        using var gate = new SemaphoreSlim(0);

        var first = TestSupport.CollectAsync(engine.GenerateAsync(reference.PromptIds, TestSupport.ReferenceGreedy, _ => gate.Wait(), CancellationToken.None));
        var second = TestSupport.CollectAsync(engine.GenerateAsync(reference.PromptIds, TestSupport.ReferenceGreedy));
        var whileBlocked = await TestSupport.WaitForAsync(engine, s => s.Running == 1 && s.Waiting == 1);
        gate.Release(100);

        Assert.Equal(1, whileBlocked.Running);
        Assert.Equal(1, whileBlocked.Waiting);
        Assert.Equal(reserved, whileBlocked.CacheTokensReserved);
        Assert.Equal(reference.GeneratedIds, (await first).Select(t => t.Id));
        Assert.Equal(reference.GeneratedIds, (await second).Select(t => t.Id));
    }

    private static (int[] Prompt, SamplingParameters Sampling) Request(int i)
    {
        var reference = Gpt2Tiny.Generations[i % Gpt2Tiny.Generations.Count];

        // Vary prompt lengths (prompt + a few reference tokens) and limits so rows have different pasts.
        var prompt = reference.PromptIds.Concat(reference.GeneratedIds.Take(i / 2)).ToArray();
        return (prompt, SamplingParameters.Greedy with { MaxTokens = 20 + (3 * i) });
    }
}
