using Maas.Inference;

namespace Maas.Runtime.Scheduling;

/// <summary>No batching: each request runs on its caller's thread, on the least busy instance.</summary>
internal sealed class DirectRunner(IReadOnlyList<ILoadedModel> instances) : IInferenceRunner
{
    private readonly int[] _busy = new int[instances.Count];

    public BatchHistory History { get; } = new();

    public ValueTask<InferenceResponse> RunAsync(InferenceRequest request, CancellationToken cancellationToken)
    {
        var index = LeastBusy();
        Interlocked.Increment(ref _busy[index]);
        History.Record(1);
        try
        {
            return ValueTask.FromResult(instances[index].Run(request));
        }
        finally
        {
            Interlocked.Decrement(ref _busy[index]);
        }
    }

    public void Dispose()
    {
        foreach (var instance in instances)
        {
            instance.Dispose();
        }
    }

    private int LeastBusy()
    {
        var best = 0;
        for (var i = 1; i < _busy.Length; i++)
        {
            if (Volatile.Read(ref _busy[i]) < Volatile.Read(ref _busy[best]))
            {
                best = i;
            }
        }

        return best;
    }
}
