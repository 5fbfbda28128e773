using Maas.Models;
using Maas.Runtime.Scheduling;

namespace Maas.Runtime.Loading;

/// <summary>
/// Reference-counts a loaded version so an unload or a swap never disposes a session under a running request: the
/// loader holds one reference, each request one more, and the last one out disposes the runner and its sessions.
/// </summary>
internal sealed class ModelHandle(IInferenceRunner runner, ModelSignature signature)
{
    private int _references = 1;

    public IInferenceRunner Runner { get; } = runner;

    public ModelSignature Signature { get; } = signature;

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
            Runner.Dispose();
        }
    }
}
