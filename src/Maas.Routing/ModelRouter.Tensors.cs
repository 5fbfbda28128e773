using Maas.Inference;
using Maas.Runtime.Validation;

namespace Maas.Routing;

public sealed partial class ModelRouter
{
    /// <summary>
    /// Raw tensors in, raw tensors out (V2 infer, <c>:predict</c> on tensor models). The outputs may be views of the
    /// engine's memory, so the lease lives as long as the response: dispose the response after writing it.
    /// </summary>
    public async ValueTask<InferenceResponse> InferAsync(RoutedModel target, InferenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var lease = await LeaseAsync(target, cancellationToken);
        try
        {
            InferenceValidator.Validate(request, target.Version.Signature);
            var response = await lease.Runner.RunAsync(request, cancellationToken);
            return new InferenceResponse(response.Outputs, new LeasedOutputs(response, lease));
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>Releases the engine's output memory first, then the version it came from.</summary>
    private sealed class LeasedOutputs(InferenceResponse response, IDisposable lease) : IDisposable
    {
        public void Dispose()
        {
            response.Dispose();
            lease.Dispose();
        }
    }
}
