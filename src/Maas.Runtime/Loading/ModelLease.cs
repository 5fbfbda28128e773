using Maas.Runtime.Scheduling;
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

    public IInferenceRunner Runner => (_handle ?? throw new ObjectDisposedException(nameof(ModelLease))).Runner;

    public void Dispose() => Interlocked.Exchange(ref _handle, null)?.Release();
}
