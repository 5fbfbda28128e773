namespace Maas.Runtime.Scheduling;

/// <summary>The sizes of the most recent batches, so tests and metrics can see batching happen.</summary>
public sealed class BatchHistory
{
    private const int Capacity = 4096;
    private readonly Queue<int> _sizes = new();
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

    internal void Record(int size)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _requests, size);
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
