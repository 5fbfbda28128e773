using System.Threading.Channels;
using Maas.Errors;
using Maas.Inference;

namespace Maas.Runtime.Scheduling;

/// <summary>
/// Triton-style dynamic batching: a bounded queue in front of one worker per engine instance. A worker takes the
/// oldest request, adds compatible ones up to <see cref="BatchingOptions.MaxBatchSize"/> rows (waiting at most
/// <see cref="BatchingOptions.MaxQueueDelay"/> for company), runs them as one engine call and hands each caller a view
/// of its rows. A full queue answers 429 at once; a cancelled or expired request is dropped without running.
/// </summary>
internal sealed class DynamicBatcher : IInferenceRunner
{
    private readonly Channel<QueuedRequest> _queue;
    private readonly BatchingOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _workers;
    private readonly IReadOnlyList<ILoadedModel> _instances;

    // One engine run at a time per instance: a worker's batch and an inline run never overlap on a session.
    private readonly SemaphoreSlim[] _running;

    public DynamicBatcher(IReadOnlyList<ILoadedModel> instances, BatchingOptions options, TimeProvider time)
    {
        _instances = instances;
        _options = options;
        _time = time;
        _queue = Channel.CreateBounded<QueuedRequest>(new BoundedChannelOptions(options.MaxQueueSize)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = instances.Count == 1,
        });
        _running = instances.Select(_ => new SemaphoreSlim(1, 1)).ToArray();
        _workers = instances.Select((instance, index) => Task.Run(() => WorkAsync(instance, _running[index]))).ToArray();
    }

    /// <summary>Requests waiting for a worker right now (for tests and metrics).</summary>
    public int QueueLength => _queue.Reader.Count;

    /// <summary>Sizes of the batches run so far, newest last (bounded; for tests and metrics).</summary>
    public BatchHistory History { get; } = new();

    public async ValueTask<InferenceResponse> RunAsync(InferenceRequest request, CancellationToken cancellationToken)
    {
        var rows = TensorBatching.Rows(request);
        var deadline = Deadline(request);
        if (TryRunInline(request, out var inline))
        {
            return inline;
        }

        var entry = new QueuedRequest(request, rows, _time.GetUtcNow(), deadline);
        if (!_queue.Writer.TryWrite(entry))
        {
            throw new MaasException(ErrorKind.TooManyRequests, $"the model's queue is full ({_options.MaxQueueSize} requests waiting); retry shortly")
            {
                RetryAfterSeconds = 1,
            };
        }

        using var registration = cancellationToken.Register(static state =>
        {
            var (queued, token) = ((QueuedRequest, CancellationToken))state!;
            queued.Cancel(token);
        }, (entry, cancellationToken));
        return await entry.Completion;
    }

    /// <summary>
    /// With no batch delay, nobody queued and an idle instance, waiting in the queue could only add thread hops: the
    /// request would run alone anyway. Run it on the caller's thread instead; under load the instances are busy, the
    /// queue fills and batches form as usual.
    /// </summary>
    private bool TryRunInline(InferenceRequest request, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out InferenceResponse? response)
    {
        response = null;
        if (_options.MaxQueueDelay > TimeSpan.Zero || _queue.Reader.Count > 0)
        {
            return false;
        }

        for (var i = 0; i < _running.Length; i++)
        {
            if (_running[i].Wait(0))
            {
                try
                {
                    History.Record(1);
                    response = _instances[i].Run(request);
                    return true;
                }
                finally
                {
                    _running[i].Release();
                }
            }
        }

        return false;
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _stopping.Cancel();
        try
        {
            Task.WaitAll(_workers, TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // Workers end by cancellation; their callers already got an answer or a failure.
        }

        while (_queue.Reader.TryRead(out var left))
        {
            left.Fail(MaasException.Unavailable("the model was unloaded before this request ran", retryAfterSeconds: 1));
        }

        foreach (var instance in _instances)
        {
            instance.Dispose();
        }

        foreach (var running in _running)
        {
            running.Dispose();
        }

        _stopping.Dispose();
    }

    private DateTimeOffset? Deadline(InferenceRequest request)
    {
        // Triton's 'timeout' parameter, in microseconds: how long the request may wait in the queue.
        if (request.Parameters?.GetValueOrDefault("timeout") is not { } value)
        {
            return null;
        }

        return value is long micros && micros > 0
            ? _time.GetUtcNow().AddTicks(micros * TimeSpan.TicksPerMicrosecond)
            : throw MaasException.InvalidInput("parameter 'timeout' must be a positive integer number of microseconds");
    }

    private async Task WorkAsync(ILoadedModel instance, SemaphoreSlim running)
    {
        var reader = _queue.Reader;
        var batch = new List<QueuedRequest>(_options.MaxBatchSize);
        QueuedRequest? carried = null;
        try
        {
            while (true)
            {
                var first = carried ?? await NextAsync(reader);
                carried = null;
                if (first is null)
                {
                    return;
                }

                if (!IsRunnable(first))
                {
                    continue;
                }

                // Waiting for the instance first lets more requests queue up to join this batch.
                await running.WaitAsync(_stopping.Token);
                try
                {
                    if (!IsRunnable(first))
                    {
                        continue;
                    }

                    batch.Clear();
                    batch.Add(first);
                    carried = await FillAsync(reader, batch, first);
                    Execute(instance, batch);
                }
                finally
                {
                    running.Release();
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            carried?.Fail(MaasException.Unavailable("the model was unloaded before this request ran", retryAfterSeconds: 1));
        }
    }

    private async ValueTask<QueuedRequest?> NextAsync(ChannelReader<QueuedRequest> reader)
    {
        while (await reader.WaitToReadAsync(_stopping.Token))
        {
            if (reader.TryRead(out var entry))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Adds compatible requests to the batch; returns an incompatible one to start the next batch with.</summary>
    private async ValueTask<QueuedRequest?> FillAsync(ChannelReader<QueuedRequest> reader, List<QueuedRequest> batch, QueuedRequest first)
    {
        if (first.Rows < 0)
        {
            return null;
        }

        var rows = first.Rows;
        var waitUntil = first.Enqueued + _options.MaxQueueDelay;
        while (rows < _options.MaxBatchSize)
        {
            if (reader.TryRead(out var next))
            {
                if (!IsRunnable(next))
                {
                    continue;
                }

                if (next.Rows < 0 || rows + next.Rows > _options.MaxBatchSize || !TensorBatching.CanJoin(first.Request, next.Request))
                {
                    return next;
                }

                batch.Add(next);
                rows += next.Rows;
                continue;
            }

            var remaining = waitUntil - _time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            var delay = Task.Delay(remaining, _time, timeout.Token);
            var arrival = reader.WaitToReadAsync(timeout.Token).AsTask();
            await Task.WhenAny(delay, arrival);
            await timeout.CancelAsync();
            _stopping.Token.ThrowIfCancellationRequested();
        }

        return null;
    }

    private bool IsRunnable(QueuedRequest entry)
    {
        if (entry.IsDone)
        {
            return false;
        }

        if (entry.Deadline is { } deadline && _time.GetUtcNow() > deadline)
        {
            entry.Fail(MaasException.Unavailable("the request's timeout passed while it waited in the queue; it was not run", retryAfterSeconds: 1));
            return false;
        }

        return true;
    }

    private void Execute(ILoadedModel instance, List<QueuedRequest> batch)
    {
        // A caller may have left while the batch was filling; its data must not reach the engine.
        batch.RemoveAll(entry => entry.IsDone);
        if (batch.Count == 0)
        {
            return;
        }

        History.Record(batch.Count);
        if (batch.Count == 1)
        {
            RunAlone(instance, batch[0]);
            return;
        }

        var rows = batch.Select(b => b.Rows).ToArray();
        var total = rows.Sum();
        InferenceResponse? combined = null;
        try
        {
            using var joined = TensorBatching.Concatenate(batch.Select(b => b.Request).ToArray(), total);
            combined = instance.Run(joined);
            var parts = TensorBatching.Split(combined, rows, total);
            if (parts is not null)
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Complete(parts[i]);
                }

                return;
            }
        }
        catch (Exception)
        {
            // One request's data can fail the whole run; below, each runs alone so only that caller gets the error.
        }

        combined?.Dispose();
        foreach (var entry in batch)
        {
            RunAlone(instance, entry);
        }
    }

    private static void RunAlone(ILoadedModel instance, QueuedRequest entry)
    {
        if (entry.IsDone)
        {
            return;
        }

        try
        {
            entry.Complete(instance.Run(entry.Request));
        }
        catch (Exception ex)
        {
            entry.Fail(ex);
        }
    }
}
