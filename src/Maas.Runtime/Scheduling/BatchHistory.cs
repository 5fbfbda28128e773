namespace Maas.Runtime.Scheduling;

/// <summary>
/// How a runner has executed: requests, engine runs, how many runs took each number of requests, and the most recent
/// sizes — so tests, <c>/v2/models/{name}/stats</c> and benchmarks can see batching happen.
/// </summary>
public sealed class BatchHistory
{
    private const int Capacity = 4096;
    private readonly Queue<int> _sizes = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, long> _runsBySize = new();
    private long _batches;
    private long _requests;

    public long Batches => Interlocked.Read(ref _batches);

    public long Requests => Interlocked.Read(ref _requests);

    public int[] Recent()
    {
        lock (_sizes)
        {
            return [.. _sizes];
        }
    }

    /// <summary>Engine runs per number of requests they carried, smallest first.</summary>
    public IReadOnlyList<KeyValuePair<int, long>> RunsBySize() => [.. _runsBySize.OrderBy(kv => kv.Key)];

    internal void Record(int size)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _requests, size);
        _runsBySize.AddOrUpdate(size, 1, static (_, count) => count + 1);
        lock (_sizes)
        {
            if (_sizes.Count == Capacity)
            {
                _sizes.Dequeue();
            }

            _sizes.Enqueue(size);
        }
    }
}
