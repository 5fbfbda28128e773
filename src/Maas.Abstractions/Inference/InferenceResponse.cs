using Maas.Tensors;

namespace Maas.Inference;

/// <summary>
/// The outputs of one inference call. The tensors may point into engine-owned memory, which stays valid until
/// the response is disposed: write them to the wire, then dispose.
/// </summary>
public sealed class InferenceResponse(IReadOnlyList<Tensor> outputs, IDisposable? owner = null) : IDisposable
{
    private IDisposable? _owner = owner;

    public IReadOnlyList<Tensor> Outputs { get; } = outputs;

    public void Dispose()
    {
        _owner?.Dispose();
        _owner = null;
    }
}
