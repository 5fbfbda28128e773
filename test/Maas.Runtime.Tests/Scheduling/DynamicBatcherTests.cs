using Maas.Errors;
using Maas.Runtime.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace Maas.Runtime.Tests.Scheduling;

public sealed class DynamicBatcherTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunAsync_QueuedBehindBusyEngine_FormsBatchesUpToMaxSizeAndMapsResultsBack()
    {
        var model = new GatedModel([-1, 2]);
        using var batcher = new DynamicBatcher([model], new BatchingOptions { MaxBatchSize = 4 }, TimeProvider.System);

        var first = RunInBackground(batcher, Requests.Filled(1));
        await model.WaitForRunAsync();
        var queued = Enumerable.Range(2, 5).Select(v => batcher.RunAsync(Requests.Filled(v), CancellationToken.None).AsTask()).ToArray();

        // The worker holds the oldest request while it waits for the busy instance; the rest wait in the queue.
        await WaitUntil(() => batcher.QueueLength == 4);
        model.Open();

        var all = await Task.WhenAll([first, .. queued]).WaitAsync(Patience);
        for (var i = 0; i < all.Length; i++)
        {
            Assert.Equal([i + 1f, i + 1f], Requests.Values(all[i]));
            Assert.Equal([1L, 2L], all[i].Outputs[0].Shape);
            all[i].Dispose();
        }

        Assert.Equal([1, 4, 1], batcher.History.Recent());
        Assert.Equal([2f, 2f, 3f, 3f, 4f, 4f, 5f, 5f], model.Runs.ElementAt(1));
    }

    [Fact]
    public async Task RunAsync_LoneRequest_LeavesOnlyAfterMaxQueueDelay()
    {
        var clock = new FakeTimeProvider();
        var model = new GatedModel([-1, 2], gated: false);
        using var batcher = new DynamicBatcher([model], new BatchingOptions { MaxBatchSize = 8, MaxQueueDelay = TimeSpan.FromMilliseconds(10) }, clock);

        var lone = batcher.RunAsync(Requests.Filled(7), CancellationToken.None).AsTask();
        await Task.Delay(200);
        Assert.False(lone.IsCompleted, "the request ran before its batch delay passed");

        clock.Advance(TimeSpan.FromMilliseconds(9));
        await Task.Delay(100);
        Assert.False(lone.IsCompleted, "the request ran 1 ms early");

        clock.Advance(TimeSpan.FromMilliseconds(1));
        using var response = await lone.WaitAsync(Patience);
        Assert.Equal([7f, 7f], Requests.Values(response));
    }

    [Fact]
    public async Task RunAsync_RequestsArrivingWithinDelay_ShareOneRun()
    {
        var clock = new FakeTimeProvider();
        var model = new GatedModel([-1, 2], gated: false);
        using var batcher = new DynamicBatcher([model], new BatchingOptions { MaxBatchSize = 8, MaxQueueDelay = TimeSpan.FromMilliseconds(10) }, clock);

        var a = batcher.RunAsync(Requests.Filled(1), CancellationToken.None).AsTask();
        clock.Advance(TimeSpan.FromMilliseconds(4));
        var b = batcher.RunAsync(Requests.Filled(2, rows: 3), CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.False(a.IsCompleted || b.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(6));

        using var first = await a.WaitAsync(Patience);
        using var second = await b.WaitAsync(Patience);
        Assert.Equal([1f, 1f], Requests.Values(first));
        Assert.Equal([3L, 2L], second.Outputs[0].Shape);
        Assert.All(Requests.Values(second), v => Assert.Equal(2f, v));
        Assert.Equal([2], batcher.History.Recent());
    }

    [Fact]
    public async Task RunAsync_ShapesThatCannotJoin_RunInSeparateBatches()
    {
        var model = new GatedModel([-1, -1]);
        using var batcher = new DynamicBatcher([model], new BatchingOptions { MaxBatchSize = 8 }, TimeProvider.System);

        var blocker = RunInBackground(batcher, Requests.Filled(0));
        await model.WaitForRunAsync();
        var narrow = batcher.RunAsync(Requests.Filled(1, columns: 2), CancellationToken.None).AsTask();
        var wide = batcher.RunAsync(Requests.Filled(2, columns: 3), CancellationToken.None).AsTask();
        var narrowAgain = batcher.RunAsync(Requests.Filled(3, columns: 2), CancellationToken.None).AsTask();
        await WaitUntil(() => batcher.QueueLength == 2);
        model.Open();

        var results = await Task.WhenAll(blocker, narrow, wide, narrowAgain).WaitAsync(Patience);
        Assert.Equal([1L, 3L], results[2].Outputs[0].Shape);
        Assert.Equal([2f, 2f, 2f], Requests.Values(results[2]));
        Assert.Equal([3f, 3f], Requests.Values(results[3]));
        Assert.Equal(4, batcher.History.Recent().Sum());
        Assert.DoesNotContain(model.Runs, run => run.Contains(2f) && run.Length != 3);
        foreach (var result in results)
        {
            result.Dispose();
        }
    }

    [Fact]
    public async Task RunAsync_QueueFull_Answers429WithRetryAfter()
    {
        var model = new GatedModel([-1, 2]);
        using var batcher = new DynamicBatcher([model], new BatchingOptions { MaxBatchSize = 8, MaxQueueSize = 2 }, TimeProvider.System);
        var running = RunInBackground(batcher, Requests.Filled(0));
        await model.WaitForRunAsync();
        var held = batcher.RunAsync(Requests.Filled(1), CancellationToken.None).AsTask();
        await WaitUntil(() => batcher.QueueLength == 0);
        var waiting = new[] { held, batcher.RunAsync(Requests.Filled(2), CancellationToken.None).AsTask(), batcher.RunAsync(Requests.Filled(3), CancellationToken.None).AsTask() };

        var refused = await Assert.ThrowsAsync<MaasException>(() => batcher.RunAsync(Requests.Filled(4), CancellationToken.None).AsTask());
        Assert.Equal(ErrorKind.TooManyRequests, refused.Kind);
        Assert.Equal(1, refused.RetryAfterSeconds);

        model.Open();
        foreach (var response in await Task.WhenAll([running, .. waiting]).WaitAsync(Patience))
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task RunAsync_CancelledWhileQueued_NeverRuns()
    {
        var model = new GatedModel([-1, 2]);
        using var batcher = new DynamicBatcher([model], new BatchingOptions { MaxBatchSize = 8 }, TimeProvider.System);
        var running = RunInBackground(batcher, Requests.Filled(0));
        await model.WaitForRunAsync();
        using var cancel = new CancellationTokenSource();
        var doomed = batcher.RunAsync(Requests.Filled(42), cancel.Token).AsTask();
        var kept = batcher.RunAsync(Requests.Filled(5), CancellationToken.None).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => doomed);
        model.Open();
        (await running.WaitAsync(Patience)).Dispose();
        (await kept.WaitAsync(Patience)).Dispose();

        Assert.DoesNotContain(model.Runs, run => run.Contains(42f));
    }

    [Fact]
    public async Task RunAsync_TimeoutPassesWhileQueued_FailsWithoutRunning()
    {
        var clock = new FakeTimeProvider();
        var model = new GatedModel([-1, 2]);
        using var batcher = new DynamicBatcher([model], new BatchingOptions { MaxBatchSize = 8 }, clock);
        var running = RunInBackground(batcher, Requests.Filled(0));
        await model.WaitForRunAsync();
        var late = batcher.RunAsync(Requests.Filled(9, parameters: new Dictionary<string, object> { ["timeout"] = 1000L }), CancellationToken.None).AsTask();
        clock.Advance(TimeSpan.FromMilliseconds(2));
        model.Open();

        var error = await Assert.ThrowsAsync<MaasException>(() => late.WaitAsync(Patience));
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Contains("timeout", error.Message, StringComparison.Ordinal);
        (await running).Dispose();
        Assert.DoesNotContain(model.Runs, run => run.Contains(9f));
    }

    [Fact]
    public async Task RunAsync_IdleBatcher_RunsOnCallersThreadWithoutQueueing()
    {
        var model = new GatedModel([-1, 2], gated: false);
        using var batcher = new DynamicBatcher([model], new BatchingOptions { MaxBatchSize = 8 }, TimeProvider.System);
        var task = batcher.RunAsync(Requests.Filled(3), CancellationToken.None);
        Assert.True(task.IsCompletedSuccessfully, "an idle batcher should answer synchronously");
        using var response = await task;
        Assert.Equal([3f, 3f], Requests.Values(response));
        Assert.Equal(0, batcher.QueueLength);
    }

    [Fact]
    public async Task RunAsync_ManyConcurrentCallers_EachGetsItsOwnAnswer()
    {
        var model = new GatedModel([-1, 2], gated: false);
        using var batcher = new DynamicBatcher([model], new BatchingOptions { MaxBatchSize = 16 }, TimeProvider.System);
        var calls = Enumerable.Range(0, 64).Select(async caller =>
        {
            for (var i = 0; i < 25; i++)
            {
                var value = (caller * 1000) + i;
                using var response = await batcher.RunAsync(Requests.Filled(value, rows: 1 + (i % 3)), CancellationToken.None);
                Assert.All(Requests.Values(response), v => Assert.Equal(value, v));
                Assert.Equal(1 + (i % 3), response.Outputs[0].Shape[0]);
            }
        });
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(64 * 25, batcher.History.Requests);
    }

    /// <summary>With the queue empty the first request runs inline on its caller's thread; give it a thread of its own.</summary>
    private static Task<Maas.Inference.InferenceResponse> RunInBackground(DynamicBatcher batcher, Maas.Inference.InferenceRequest request) =>
        Task.Run(() => batcher.RunAsync(request, CancellationToken.None).AsTask());

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(10);
        }
    }
}
