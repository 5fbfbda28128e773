using System.Collections.Concurrent;
using Maas.Security.Storage;

namespace Maas.Security.Usage;

/// <summary>
/// Counts usage per key, model and UTC day. <see cref="Record"/> is the hot path: one dictionary lookup and a few
/// Interlocked adds, no database and no lock. Totals reach the <c>usage</c> table in batches through
/// <see cref="FlushAsync"/> (the hosted service calls it every <see cref="SecurityOptions.UsageFlushInterval"/> and at
/// shutdown; disposing flushes too). Queries add what is still in memory, so they are exact at any moment.
/// </summary>
public sealed class UsageMeter : IAsyncDisposable, IDisposable
{
    private readonly UsageStore _store;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<UsageKey, UsageCell> _cells = new();

    // Serialises flushes with queries: a query never sees counts that have left memory but not yet reached the table.
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private int _disposed;

    internal UsageMeter(UsageStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    public void Record(string keyId, string model, UsageDelta delta)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        ArgumentNullException.ThrowIfNull(model);
        if (delta.IsZero)
        {
            return;
        }

        var key = new UsageKey(keyId, model, StoredText.UtcDay(_time.GetUtcNow()));
        _cells.GetOrAdd(key, static _ => new UsageCell()).Add(delta);
    }

    /// <summary>Writes everything counted so far in one transaction; on failure the counts stay in memory for the next try.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushGate.WaitAsync(cancellationToken);
        try
        {
            var batch = new List<KeyValuePair<UsageKey, UsageDelta>>();
            foreach (var (key, cell) in _cells)
            {
                var taken = cell.Take();
                if (!taken.IsZero)
                {
                    batch.Add(new(key, taken));
                }
            }

            try
            {
                await _store.AddAsync(batch, cancellationToken);
            }
            catch
            {
                foreach (var (key, delta) in batch)
                {
                    _cells.GetOrAdd(key, static _ => new UsageCell()).Add(delta);
                }

                throw;
            }

            PruneOldCells();
        }
        finally
        {
            _flushGate.Release();
        }
    }

    /// <summary>Rows for one key (or all), between two UTC days inclusive (either end open), flushed or not.</summary>
    public async Task<IReadOnlyList<UsageRow>> QueryAsync(string? keyId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        await _flushGate.WaitAsync(cancellationToken);
        try
        {
            var totals = new Dictionary<UsageKey, UsageDelta>();
            foreach (var row in await _store.QueryAsync(keyId, from, to, cancellationToken))
            {
                totals[new UsageKey(row.KeyId, row.Model, row.Day)] =
                    new UsageDelta(row.Requests, row.InputTokens, row.OutputTokens, row.Images, row.ComputeMilliseconds);
            }

            foreach (var (key, cell) in _cells)
            {
                if ((keyId is null || key.KeyId == keyId) && !(key.Day < from) && !(key.Day > to) && cell.Peek() is { IsZero: false } pending)
                {
                    totals[key] = totals.GetValueOrDefault(key).Plus(pending);
                }
            }

            return [.. totals
                .OrderBy(t => t.Key.Day).ThenBy(t => t.Key.KeyId, StringComparer.Ordinal).ThenBy(t => t.Key.Model, StringComparer.Ordinal)
                .Select(t => new UsageRow(t.Key.KeyId, t.Key.Model, t.Key.Day,
                    t.Value.Requests, t.Value.InputTokens, t.Value.OutputTokens, t.Value.Images, t.Value.ComputeMilliseconds))];
        }
        finally
        {
            _flushGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await FlushAsync(CancellationToken.None);
        }
    }

    // The driver is synchronous underneath, so blocking here cannot deadlock on a captured context.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Drops empty cells older than yesterday. Record picks its day when called, so only a caller stalled for a whole
    /// day could still add to such a cell; today's and yesterday's cells are kept for in-flight stragglers.
    /// </summary>
    private void PruneOldCells()
    {
        var yesterday = StoredText.UtcDay(_time.GetUtcNow()).AddDays(-1);
        foreach (var entry in _cells)
        {
            if (entry.Key.Day < yesterday && entry.Value.Peek().IsZero)
            {
                _cells.TryRemove(entry);
            }
        }
    }
}
