using System.Globalization;
using Maas.Errors;
using Maas.Llm.Caching;

namespace Maas.Llm.Scheduling;

/// <summary>
/// Continuous batching with chunked prefill, first come first served.
/// <list type="number">
/// <item>Admission: waiting requests join in arrival order while a running slot is free and the cache budget holds
/// their worst case; the head of the queue is never overtaken, so a big request cannot starve.</item>
/// <item>Decode: every running sequence past its prompt feeds its last token, all in one run (same order every
/// step, so the executor can reuse the previous presents as the next past).</item>
/// <item>Prefill: at most <see cref="SchedulerLimits.PrefillChunkTokens"/> prompt tokens per step, shared in arrival
/// order. A long prompt is fed a chunk per step, so running streams wait at most one chunk's forward pass between
/// tokens. First chunks share one padded run; a later chunk of a prompt runs alone (its past would otherwise leave
/// holes between past and new tokens).</item>
/// </list>
/// Without <c>position_ids</c> a padded batch would shift positions, so every run then has a single row.
/// </summary>
internal sealed class ContinuousBatchScheduler(
    SchedulerLimits limits,
    KvCacheBudget budget,
    Func<Sequence, SequenceKvCache> createCache,
    TimeProvider time) : IStepScheduler
{
    private readonly LinkedList<Sequence> _waiting = new();
    private readonly List<Sequence> _running = [];
    private readonly HashSet<Sequence> _inFlight = [];

    public int RunningCount => _running.Count;

    public int WaitingCount => _waiting.Count;

    public void Add(Sequence sequence)
    {
        if (_waiting.Count >= limits.MaxWaiting)
        {
            throw new MaasException(
                ErrorKind.TooManyRequests,
                string.Create(CultureInfo.InvariantCulture, $"the generation queue is full ({limits.MaxWaiting} requests waiting); retry later"))
            {
                RetryAfterSeconds = limits.RetryAfterSeconds,
            };
        }

        _waiting.AddLast(sequence);
    }

    public StepPlan Schedule()
    {
        ExpireWaiting();
        Admit();
        if (_running.Count == 0)
        {
            return StepPlan.Empty;
        }

        // Called on every step, so plain loops: this runs once per generated token of a lone stream.
        var runs = new List<ScheduledRun>(2);
        var decode = new List<ScheduledRow>(_running.Count);
        foreach (var sequence in _running)
        {
            if (!sequence.IsPrefilling)
            {
                decode.Add(new ScheduledRow(sequence, 1));
            }
        }

        AddRuns(runs, decode, isDecode: true);

        var chunkBudget = limits.PrefillChunkTokens;
        var firstChunks = new List<ScheduledRow>();
        foreach (var sequence in _running)
        {
            if (chunkBudget == 0)
            {
                break;
            }

            if (!sequence.IsPrefilling)
            {
                continue;
            }

            var row = new ScheduledRow(sequence, Math.Min(sequence.PendingTokens, chunkBudget));
            chunkBudget -= row.TokenCount;
            if (sequence.CachedTokens == 0)
            {
                firstChunks.Add(row);
            }
            else
            {
                runs.Add(new ScheduledRun([row], IsDecode: false));
            }
        }

        AddRuns(runs, firstChunks, isDecode: false);
        foreach (var run in runs)
        {
            foreach (var row in run.Rows)
            {
                _inFlight.Add(row.Sequence);
            }
        }

        return new StepPlan(runs);
    }

    public void Update(IReadOnlyList<RowResult> results)
    {
        foreach (var (sequence, token) in results)
        {
            if (sequence.IsFinished || token is not { } sampled)
            {
                continue;
            }

            var finish = sequence.Accept(sampled.Id);
            sequence.Output.Writer.TryWrite(new GeneratedToken(sampled.Id, sampled.Logprob, sampled.TopLogprobs, finish));
            if (finish is not null)
            {
                Finish(sequence);
            }
        }

        // Caches of sequences aborted during the step were still being written; drop them now.
        foreach (var sequence in _inFlight)
        {
            if (sequence.IsFinished)
            {
                sequence.Cache = null;
            }
        }

        _inFlight.Clear();
    }

    public void Finish(Sequence sequence, Exception? error = null)
    {
        if (sequence.IsFinished)
        {
            return;
        }

        sequence.IsFinished = true;
        if (_running.Remove(sequence))
        {
            budget.Release(sequence.ReservedTokens);
        }
        else
        {
            _waiting.Remove(sequence);
        }

        if (!_inFlight.Contains(sequence))
        {
            sequence.Cache = null;
        }

        sequence.Output.Writer.TryComplete(error);
    }

    public void FinishAll(Exception error)
    {
        foreach (var sequence in _running.Concat(_waiting).ToArray())
        {
            Finish(sequence, error);
        }
    }

    private void ExpireWaiting()
    {
        var now = time.GetUtcNow();
        while (_waiting.First is { } first && now - first.Value.ArrivedAt > limits.MaxQueueWait)
        {
            Finish(first.Value, MaasException.Unavailable(
                string.Create(CultureInfo.InvariantCulture, $"the request waited over {limits.MaxQueueWait.TotalSeconds:0.#} s for a generation slot"),
                limits.RetryAfterSeconds));
        }
    }

    private void Admit()
    {
        while (_waiting.First is { } first && _running.Count < limits.MaxRunning && budget.TryReserve(first.Value.ReservedTokens))
        {
            _waiting.RemoveFirst();
            first.Value.Cache = createCache(first.Value);
            _running.Add(first.Value);
        }
    }

    private void AddRuns(List<ScheduledRun> runs, List<ScheduledRow> rows, bool isDecode)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (limits.CanPadBatches)
        {
            runs.Add(new ScheduledRun(rows, isDecode));
            return;
        }

        runs.AddRange(rows.Select(row => new ScheduledRun([row], isDecode)));
    }
}
