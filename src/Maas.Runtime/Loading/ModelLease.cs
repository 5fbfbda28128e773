using Maas.Inference;
using Maas.Storage;

namespace Maas.Runtime.Loading;

/// <summary>A request's hold on a loaded model version; dispose when the response is written.</summary>
public sealed class ModelLease : IDisposable
{
    private ModelHandle? _handle;

    internal ModelLease(ModelVersionRecord version, ModelHandle handle)
    {
        Version = version;
        _handle = handle;
    }

    public ModelVersionRecord Version { get; }

    public ILoadedModel Model => (_handle ?? throw new ObjectDisposedException(nameof(ModelLease))).Model;

    public void Dispose() => Interlocked.Exchange(ref _handle, null)?.Release();
}
