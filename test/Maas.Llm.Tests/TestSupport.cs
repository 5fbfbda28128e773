using Maas.Llm.Sampling;
using Maas.Llm.Scheduling;

namespace Maas.Llm.Tests;

internal static class TestSupport
{
    /// <summary>Greedy with the fixture's rule: at most max_new_tokens, stop after an eos id.</summary>
    public static SamplingParameters ReferenceGreedy => SamplingParameters.Greedy with { MaxTokens = Gpt2Tiny.MaxNewTokens };

    public static async Task<List<GeneratedToken>> CollectAsync(IAsyncEnumerable<GeneratedToken> stream)
    {
        var tokens = new List<GeneratedToken>();
        await foreach (var token in stream)
        {
            tokens.Add(token);
        }

        return tokens;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; the engine frees caches on its own thread.</summary>
    public static async Task<SchedulerSnapshot> WaitForAsync(GenerationEngine engine, Func<SchedulerSnapshot, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var snapshot = engine.Snapshot();
            if (condition(snapshot) || DateTime.UtcNow > deadline)
            {
                return snapshot;
            }

            await Task.Delay(5);
        }
    }
}
