using Maas.Inference;
using Maas.Models;
using Maas.Runtime.Catalog;
using Maas.Runtime.Loading;
using Maas.Runtime.Validation;

namespace Maas.Runtime;

/// <summary>The one inference path every protocol adapter calls: resolve, lease, validate, run.</summary>
public sealed class InferenceService(ModelCatalog catalog, ModelLoader loader)
{
    /// <summary>Leases the version a reference resolves to, loading it on first use.</summary>
    public ValueTask<ModelLease> LeaseAsync(ModelReference reference, CancellationToken cancellationToken) =>
        LeaseAsync(catalog.Resolve(reference), cancellationToken);

    /// <summary>Leases a version the caller has already resolved (the V2 routes resolve before reading the body).</summary>
    public ValueTask<ModelLease> LeaseAsync(Storage.ModelVersionRecord version, CancellationToken cancellationToken) =>
        loader.AcquireAsync(version, cancellationToken);

    public static ValueTask<InferenceResponse> RunAsync(ModelLease lease, InferenceRequest request, CancellationToken cancellationToken)
    {
        InferenceValidator.Validate(request, lease.Version.Signature);
        return lease.Runner.RunAsync(request, cancellationToken);
    }
}
