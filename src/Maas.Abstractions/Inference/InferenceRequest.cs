using Maas.Tensors;

namespace Maas.Inference;

/// <summary>
/// One protocol-neutral inference call. Owns the buffers its tensors were parsed into (returned on dispose),
/// so the engine can read request memory in place.
/// </summary>
public sealed class InferenceRequest(IReadOnlyList<Tensor> inputs) : IDisposable
{
    private List<IDisposable>? _owned;

    public string? Id { get; init; }

    public IReadOnlyList<Tensor> Inputs { get; } = inputs;

    /// <summary>Names of the outputs to compute; null means all of them.</summary>
    public IReadOnlyList<string>? RequestedOutputs { get; init; }

    /// <summary>Protocol parameters (string, long, double or bool values), passed through untouched.</summary>
    public IReadOnlyDictionary<string, object>? Parameters { get; init; }

    /// <summary>Hands a buffer's lifetime to this request.</summary>
    public void Own(IDisposable resource) => (_owned ??= []).Add(resource);

    public void Dispose()
    {
        if (_owned is null)
        {
            return;
        }

        foreach (var resource in _owned)
        {
            resource.Dispose();
        }

        _owned = null;
    }
}
