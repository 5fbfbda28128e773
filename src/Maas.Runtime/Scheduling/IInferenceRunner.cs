using Maas.Inference;

namespace Maas.Runtime.Scheduling;

/// <summary>How a loaded version executes requests: directly, or through a dynamic batcher.</summary>
public interface IInferenceRunner : IDisposable
{
    /// <summary>Runs a validated request. The caller disposes the response after writing it.</summary>
    ValueTask<InferenceResponse> RunAsync(InferenceRequest request, CancellationToken cancellationToken);

    /// <summary>Requests, engine runs and batch sizes so far.</summary>
    BatchHistory History { get; }
}
