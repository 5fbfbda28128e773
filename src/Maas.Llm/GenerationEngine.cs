using System.Globalization;
using System.Runtime.CompilerServices;
using Maas.Errors;
using Maas.Llm.Caching;
using Maas.Llm.Engine;
using Maas.Llm.Models;
using Maas.Llm.Sampling;
using Maas.Llm.Scheduling;

namespace Maas.Llm;

/// <summary>
/// Token-level text generation over one decoder model: prompt ids in, a stream of generated ids out. A step loop on
/// its own thread runs continuous batching — requests join the running batch at the next step and leave when done —
/// so concurrent callers share every forward pass. Thread-safe.
/// </summary>
public sealed class GenerationEngine : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly DecoderModel _model;
    private readonly StepExecutor _executor;
    private readonly KvCacheBudget _budget;
    private readonly IStepScheduler _scheduler;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly Thread _loop;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId;
    private long _steps;
    private bool _stopping;
    private bool _disposed;

    private GenerationEngine(DecoderModel model, GenerationEngineOptions options, TimeProvider time, Random random)
    {
        _model = model;
        _time = time;
        _random = random;
        _executor = new StepExecutor(model);
        _budget = new KvCacheBudget(options.CacheTokens);
        var info = model.Info;
        var limits = new SchedulerLimits(
            options.MaxRunning, options.MaxWaiting, options.PrefillChunkTokens, options.MaxQueueWait, options.RetryAfterSeconds, info.HasPositionIds);
        _scheduler = new ContinuousBatchScheduler(
            limits,
            _budget,
            s => new SequenceKvCache(info.Layers, info.KeyValueHeads, info.HeadDim, s.ReservedTokens),
            time);

        // A thread of its own rather than a thread-pool task: the loop runs steps back to back for as long as anything
        // generates, and the pool's workers stay free for the callers reading the tokens.
        _loop = new Thread(RunLoop) { IsBackground = true, Name = "maas-generation" };
        _loop.Start();
    }

    public DecoderModelInfo Model => _model.Info;

    /// <summary>Decode runs that fed the previous presents back without copying; a window on the cache fast path.</summary>
    internal long ReusedPastRuns => _executor.ReusedPastRuns;

    /// <summary>
    /// Opens the decoder in <paramref name="modelFolder"/>. <paramref name="random"/> seeds requests that bring no seed
    /// of their own (default: a randomly seeded one). Throws <see cref="ErrorKind.InvalidModel"/> for a folder that is
    /// not a with-past decoder.
    /// </summary>
    public static GenerationEngine Load(string modelFolder, GenerationEngineOptions options, TimeProvider? time = null, Random? random = null)
    {
        options.Validate();
        var model = DecoderModel.Load(modelFolder, options);
        return new GenerationEngine(model, options, time ?? TimeProvider.System, random ?? new Random());
    }

    /// <summary>
    /// Queues a request and streams its tokens; the last one carries <see cref="GeneratedToken.Finish"/>. Validation and
    /// admission happen in this call: bad input throws <see cref="ErrorKind.InvalidInput"/>, a full queue
    /// <see cref="ErrorKind.TooManyRequests"/> with a Retry-After. Cancelling <paramref name="cancellationToken"/>, or
    /// leaving the enumeration early, ends the sequence and frees its cache at once — which is how callers stop on
    /// text-level stop strings.
    /// </summary>
    public IAsyncEnumerable<GeneratedToken> GenerateAsync(int[] promptIds, SamplingParameters sampling, CancellationToken cancellationToken = default) =>
        GenerateAsync(promptIds, sampling, observer: null, cancellationToken);

    internal IAsyncEnumerable<GeneratedToken> GenerateAsync(int[] promptIds, SamplingParameters sampling, LogitsObserver? observer, CancellationToken cancellationToken)
    {
        var info = _model.Info;
        ValidatePrompt(promptIds, info);
        sampling.Validate(info.VocabSize);
        cancellationToken.ThrowIfCancellationRequested();

        var room = info.ContextLength - promptIds.Length;
        var maxNewTokens = Math.Min(sampling.MaxTokens ?? room, room);
        var sequence = NewSequence(promptIds, sampling, maxNewTokens, observer);
        if (sequence.ReservedTokens > _budget.CapacityTokens)
        {
            throw MaasException.InvalidInput(string.Create(
                CultureInfo.InvariantCulture,
                $"the request needs {sequence.ReservedTokens} cache tokens (prompt + max_tokens); the engine's cache holds {_budget.CapacityTokens}"));
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            _scheduler.Add(sequence);
        }

        _wake.Release();
        var registration = cancellationToken.Register(() => Abort(sequence, new OperationCanceledException(cancellationToken)));
        return Stream(sequence, registration, cancellationToken);
    }

    public SchedulerSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new SchedulerSnapshot(_scheduler.RunningCount, _scheduler.WaitingCount, _budget.ReservedTokens, _budget.CapacityTokens, _steps);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _stopping = true;
        }

        _wake.Release();
        await _stopped.Task.ConfigureAwait(false);
        _executor.Dispose();
        _model.Dispose();
        _wake.Dispose();
    }

    private static void ValidatePrompt(int[] promptIds, DecoderModelInfo info)
    {
        if (promptIds.Length == 0)
        {
            throw MaasException.InvalidInput("the prompt has no tokens");
        }

        if (promptIds.Length >= info.ContextLength)
        {
            throw MaasException.InvalidInput(string.Create(
                CultureInfo.InvariantCulture,
                $"prompt has {promptIds.Length} tokens; the model's context is {info.ContextLength}, which leaves no room to generate"));
        }

        foreach (var id in promptIds)
        {
            if (id < 0 || id >= info.VocabSize)
            {
                throw MaasException.InvalidInput(string.Create(
                    CultureInfo.InvariantCulture, $"prompt token id {id} is outside the vocabulary (0..{info.VocabSize - 1})"));
            }
        }
    }

    private Sequence NewSequence(int[] promptIds, SamplingParameters sampling, int maxNewTokens, LogitsObserver? observer)
    {
        int seed;
        long id;
        lock (_gate)
        {
            // The shared Random is not thread-safe; each request gets its own generator seeded from it.
            seed = sampling.Seed ?? _random.Next();
            id = ++_nextId;
        }

        var sampler = new TokenSampler(sampling, new Random(seed), promptIds);
        var stopIds = sampling.IgnoreEos ? sampling.StopTokenIds : _model.Info.EosTokenIds.Concat(sampling.StopTokenIds);
        return new Sequence(id, [.. promptIds], maxNewTokens, stopIds, sampler, _time.GetUtcNow()) { Observer = observer };
    }

    private async IAsyncEnumerable<GeneratedToken> Stream(
        Sequence sequence, CancellationTokenRegistration registration, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var token in sequence.Output.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return token;
            }
        }
        finally
        {
            await registration.DisposeAsync().ConfigureAwait(false);

            // A caller that stops reading early (stop string found, client gone) must not keep its cache.
            Abort(sequence, null);
        }
    }

    private void Abort(Sequence sequence, Exception? error)
    {
        lock (_gate)
        {
            _scheduler.Finish(sequence, error);
        }
    }

    private void RunLoop()
    {
        try
        {
            while (true)
            {
                StepPlan plan;
                lock (_gate)
                {
                    if (_stopping)
                    {
                        break;
                    }

                    plan = _scheduler.Schedule();
                }

                if (plan.IsEmpty)
                {
                    _wake.Wait();
                    continue;
                }

                RunStep(plan);
            }

            FailAll(MaasException.Unavailable("the generation engine is shutting down"));
            _stopped.SetResult();
        }
        catch (Exception ex)
        {
            // Not expected (a failed step fails its sequences and the loop goes on), but a dead loop must not leave
            // callers waiting: everything queued fails, and later requests are refused as after disposal.
            lock (_gate)
            {
                _stopping = true;
            }

            FailAll(new InvalidOperationException("the generation loop stopped: " + ex.Message, ex));
            _stopped.TrySetResult();
        }
    }

    private void RunStep(StepPlan plan)
    {
        IReadOnlyList<RowResult> results;
        try
        {
            results = plan.Runs.Count == 1 ? _executor.Execute(plan.Runs[0]) : [.. plan.Runs.SelectMany(_executor.Execute)];
        }
        catch (Exception ex)
        {
            // Which caches got their new tokens is unknown, so every sequence of the step fails, and nothing else.
            _executor.Reset();
            lock (_gate)
            {
                var error = new InvalidOperationException("a generation step failed: " + ex.Message, ex);
                foreach (var row in plan.Runs.SelectMany(r => r.Rows))
                {
                    _scheduler.Finish(row.Sequence, error);
                }

                _scheduler.Update([]);
            }

            return;
        }

        lock (_gate)
        {
            _steps++;
            _scheduler.Update(results);
        }
    }

    private void FailAll(Exception error)
    {
        lock (_gate)
        {
            _scheduler.FinishAll(error);
        }
    }
}
