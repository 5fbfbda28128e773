using Maas.Inference;

namespace Maas.Runtime.Loading;

/// <summary>
/// Reference-counts a loaded model so an unload or a swap never disposes a session under a running request: the
/// loader holds one reference, each request one more, and the last one out disposes the engine session.
/// </summary>
internal sealed class ModelHandle(ILoadedModel model)
{
    private int _references = 1;

    public ILoadedModel Model { get; } = model;

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
            Model.Dispose();
        }
    }
}
