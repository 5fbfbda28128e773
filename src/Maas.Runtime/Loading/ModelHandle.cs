using Maas.Runtime.Scheduling;

namespace Maas.Runtime.Loading;

/// <summary>
/// Reference-counts a loaded version so an unload or a swap never disposes a session under a running request: the
/// loader holds one reference, each request one more, and the last one out disposes the runner, the task's serving
/// state and their sessions.
/// </summary>
internal sealed class ModelHandle(IInferenceRunner? runner, IDisposable? taskServing)
{
    private int _references = 1;

    /// <summary>The tensor runner; null for tasks that run their own engine (text generation).</summary>
    public IInferenceRunner? Runner { get; } = runner;

    /// <summary>What an <see cref="Tasks.ITaskServing"/> opened for this version (a pipeline, an engine), if any.</summary>
    public IDisposable? TaskServing { get; } = taskServing;

    public bool TryAcquire()
    {
        while (true)
        {
            var current = Volatile.Read(ref _references);
            if (current == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            TaskServing?.Dispose();
            Runner?.Dispose();
        }
    }
}
