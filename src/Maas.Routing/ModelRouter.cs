using Maas.Errors;
using Maas.Models;
using Maas.Runtime.Catalog;
using Maas.Runtime.Loading;

namespace Maas.Routing;

/// <summary>
/// The one front door to the models, for every protocol: each entry (tensors, tasks, embeddings, generation) resolves
/// the reference, checks the caller's grant, leases the loaded version, validates, runs and meters the usage, so a
/// protocol adapter only reads its wire format, calls one entry and writes its answer. Nothing here knows HTTP.
/// </summary>
public sealed partial class ModelRouter(ModelCatalog catalog, ModelLoader loader)
{
    /// <summary>Checks the grant (before existence, so a caller cannot probe for models it may not see) and resolves.</summary>
    public RoutedModel Resolve(Caller caller, ModelReference reference)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(reference);
        caller.EnsureCanUseModel(reference.Name);
        return new RoutedModel(caller, AsModelError(() => catalog.Resolve(reference)));
    }

    /// <summary>Resolves one numbered version (the V2 routes' <c>/versions/{v}</c>).</summary>
    public RoutedModel Resolve(Caller caller, string name, int version)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.EnsureCanUseModel(name);
        return new RoutedModel(caller, AsModelError(() => catalog.GetVersion(name, version)));
    }

    /// <summary>Parses and resolves a reference as clients write it (<c>name</c>, <c>name:3</c>, <c>name@prod</c>).</summary>
    public RoutedModel Resolve(Caller caller, string? reference)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (string.IsNullOrWhiteSpace(reference))
        {
            throw new MaasException(ErrorKind.InvalidInput, "'model' is required: a model reference such as name, name:2 or name@prod")
            {
                Param = "model",
            };
        }

        return ModelReference.TryParse(reference, out var parsed, out var error)
            ? Resolve(caller, parsed)
            : throw ModelNotFound(error);
    }

    /// <summary>Leases the loaded version, loading it on first use; dispose the lease when the answer is written.</summary>
    private ValueTask<ModelLease> LeaseAsync(RoutedModel target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return loader.AcquireAsync(target.Version, cancellationToken);
    }

    /// <summary>Resolution failures name the <c>model</c> field, so every protocol can point at it.</summary>
    private static T AsModelError<T>(Func<T> resolve)
    {
        try
        {
            return resolve();
        }
        catch (MaasException ex) when (ex.Kind == ErrorKind.NotFound)
        {
            throw ModelNotFound(ex.Message, ex);
        }
    }

    private static MaasException ModelNotFound(string message, Exception? inner = null) =>
        new(ErrorKind.NotFound, message, inner) { Param = "model", Code = "model_not_found" };

    /// <summary>A 400 naming the model when the version's task cannot do the work asked of it.</summary>
    private static MaasException WrongTask(RoutedModel target, string needed) =>
        new(ErrorKind.InvalidInput, $"model '{target.Name}' is a {target.Task} model; this call needs a {needed} model") { Param = "model" };
}
