using Maas.Errors;
using Maas.Llm.Sampling;

namespace Maas.Llm.Tests;

public sealed class AdmissionAndCancellationTests
{
    private static readonly int[] Prompt = Gpt2Tiny.Generations[1].PromptIds;

    [Fact]
    public async Task GenerateAsync_CancelledMidStream_FreesCacheAtOnce()
    {
        await using var engine = Gpt2Tiny.Engine();
        using var gate = new SemaphoreSlim(0);
        using var cts = new CancellationTokenSource();
        var received = new List<GeneratedToken>();

        var reading = Task.Run(async () =>
        {
            await foreach (var token in engine.GenerateAsync(Prompt, SamplingParameters.Greedy, _ => gate.Wait(), cts.Token))
            {
                received.Add(token);
            }
        });
        gate.Release(3);
        var running = await TestSupport.WaitForAsync(engine, s => s.Steps >= 3);

        // The loop is blocked inside a step of this very sequence: the cache must still be released now.
        await cts.CancelAsync();
        var afterCancel = engine.Snapshot();
        gate.Release(100);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
        Assert.Equal(1, running.Running);
        Assert.True(running.CacheTokensReserved > 0);
        Assert.Equal(0, afterCancel.Running);
        Assert.Equal(0, afterCancel.CacheTokensReserved);
        Assert.InRange(received.Count, 1, 4);
    }

    [Fact]
    public async Task GenerateAsync_ReaderStopsEarly_FreesCache()
    {
        await using var engine = Gpt2Tiny.Engine();

        await foreach (var token in engine.GenerateAsync(Prompt, SamplingParameters.Greedy with { MaxTokens = 100 }))
        {
            // What a caller does when the decoded text hits a stop string.
            break;
        }

        var snapshot = await TestSupport.WaitForAsync(engine, s => s.Running == 0);
        Assert.Equal(0, snapshot.Running);
        Assert.Equal(0, snapshot.CacheTokensReserved);
    }

    [Fact]
    public async Task GenerateAsync_QueueFull_ThrowsTooManyRequestsWithRetryAfter()
    {
        await using var engine = Gpt2Tiny.Engine(new GenerationEngineOptions { IntraOpThreads = 1, MaxRunning = 1, MaxWaiting = 1, RetryAfterSeconds = 2 });
        using var gate = new SemaphoreSlim(0);
        var first = TestSupport.CollectAsync(engine.GenerateAsync(Prompt, TestSupport.ReferenceGreedy, _ => gate.Wait(), CancellationToken.None));
        await TestSupport.WaitForAsync(engine, s => s.Running == 1);
        var second = TestSupport.CollectAsync(engine.GenerateAsync(Prompt, TestSupport.ReferenceGreedy));

        var error = Assert.Throws<MaasException>(() => engine.GenerateAsync(Prompt, TestSupport.ReferenceGreedy));
        gate.Release(100);

        Assert.Equal(ErrorKind.TooManyRequests, error.Kind);
        Assert.Equal(2, error.RetryAfterSeconds);
        Assert.Contains("queue is full", error.Message, StringComparison.Ordinal);
        Assert.Equal(Gpt2Tiny.Generations[1].GeneratedIds, (await first).Select(t => t.Id));
        Assert.Equal(Gpt2Tiny.Generations[1].GeneratedIds, (await second).Select(t => t.Id));
    }

    [Fact]
    public async Task GenerateAsync_WaitedLongerThanMaxQueueWait_FailsUnavailable()
    {
        var time = new ManualTimeProvider();
        await using var engine = Gpt2Tiny.Engine(
            new GenerationEngineOptions { IntraOpThreads = 1, MaxRunning = 1, MaxQueueWait = TimeSpan.FromSeconds(30) }, time);
        using var gate = new SemaphoreSlim(0);
        var first = TestSupport.CollectAsync(engine.GenerateAsync(Prompt, TestSupport.ReferenceGreedy, _ => gate.Wait(), CancellationToken.None));
        await TestSupport.WaitForAsync(engine, s => s.Running == 1);
        var second = TestSupport.CollectAsync(engine.GenerateAsync(Prompt, TestSupport.ReferenceGreedy));

        time.Advance(TimeSpan.FromSeconds(31));
        gate.Release(100);

        var error = await Assert.ThrowsAsync<MaasException>(() => second);
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Equal(Gpt2Tiny.Generations[1].GeneratedIds, (await first).Select(t => t.Id));
    }

    [Fact]
    public async Task GenerateAsync_PromptOverContext_ThrowsInvalidInputWithNumbers()
    {
        await using var engine = Gpt2Tiny.Engine();
        var prompt = Enumerable.Repeat(Prompt[0], 200).ToArray();

        var error = Assert.Throws<MaasException>(() => engine.GenerateAsync(prompt, SamplingParameters.Greedy));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("prompt has 200 tokens; the model's context is 128", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_PromptNearContext_StopsWithLengthAtContextEnd()
    {
        await using var engine = Gpt2Tiny.Engine();
        var prompt = Enumerable.Range(0, 125).Select(i => Prompt[i % Prompt.Length]).ToArray();

        var tokens = await TestSupport.CollectAsync(engine.GenerateAsync(prompt, SamplingParameters.Greedy with { StopTokenIds = [] }));

        Assert.True(tokens.Count <= 3);
        Assert.NotNull(tokens[^1].Finish);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(459)]
    public async Task GenerateAsync_TokenIdOutsideVocabulary_ThrowsInvalidInput(int id)
    {
        await using var engine = Gpt2Tiny.Engine();

        var error = Assert.Throws<MaasException>(() => engine.GenerateAsync([Prompt[0], id], SamplingParameters.Greedy));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }

    [Fact]
    public async Task GenerateAsync_RequestLargerThanCacheBudget_ThrowsInvalidInput()
    {
        await using var engine = Gpt2Tiny.Engine(new GenerationEngineOptions { IntraOpThreads = 1, CacheTokens = 10 });

        var error = Assert.Throws<MaasException>(() => engine.GenerateAsync(Prompt, SamplingParameters.Greedy with { MaxTokens = 20 }));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("cache holds 10", error.Message, StringComparison.Ordinal);
    }

    private sealed class ManualTimeProvider : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
