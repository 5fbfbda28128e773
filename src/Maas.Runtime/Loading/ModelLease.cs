using Maas.Errors;
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

    /// <summary>The tensor runner. Generation models have none: their routes are the OpenAI ones.</summary>
    public IInferenceRunner Runner => Handle.Runner
        ?? throw MaasException.InvalidInput(
            $"model '{Version.Name}' is a {Version.Task} model and takes no raw tensors; use its task's routes");

    /// <summary>The task's serving state (a pipeline, an engine), or a 400 naming what the route needs.</summary>
    public T TaskServing<T>(string needed)
        where T : class =>
        Handle.TaskServing as T
        ?? throw MaasException.InvalidInput(
            $"model '{Version.Name}' is a {Version.Task} model; this route needs a {needed} model");

    private ModelHandle Handle => _handle ?? throw new ObjectDisposedException(nameof(ModelLease));

    public void Dispose() => Interlocked.Exchange(ref _handle, null)?.Release();
}
