using System.Collections.Frozen;
using Maas.Errors;
using Maas.Models;
using Maas.Storage;

namespace Maas.Runtime.Catalog;

/// <summary>
/// An in-memory snapshot of the registry, so resolving a model reference on the hot path takes no database trip.
/// Every mutation goes through <see cref="Publishing.ModelPublisher"/>, which refreshes the snapshot after its commit;
/// readers see either the old or the new snapshot, never a half-updated one.
/// </summary>
public sealed class ModelCatalog(IModelRegistry registry)
{
    private volatile FrozenDictionary<string, ModelRecord> _models = FrozenDictionary<string, ModelRecord>.Empty;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);

    public IReadOnlyCollection<ModelRecord> Models => _models.Values;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            var models = await registry.ListModelsAsync(cancellationToken);
            _models = models.ToFrozenDictionary(m => m.Name, StringComparer.Ordinal);
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    public ModelRecord? Find(string name) => _models.GetValueOrDefault(name);

    public ModelRecord Get(string name) =>
        Find(name) ?? throw MaasException.NotFound($"model '{name}' does not exist");

    /// <summary>Resolves name, name:version or name@alias to one committed version.</summary>
    public ModelVersionRecord Resolve(ModelReference reference)
    {
        var model = Get(reference.Name);
        int version;
        if (reference.Version is { } v)
        {
            version = v;
        }
        else if (reference.Alias is { } alias && alias != ModelNames.Latest)
        {
            version = model.Aliases.TryGetValue(alias, out var target)
                ? target
                : throw MaasException.NotFound($"model '{model.Name}' has no alias '{alias}'");
        }
        else if (reference.Alias is null && model.Aliases.TryGetValue(ModelNames.Default, out var byDefault))
        {
            version = byDefault;
        }
        else
        {
            return model.Versions[^1];
        }

        return FindVersion(model, version)
            ?? throw MaasException.NotFound($"model '{model.Name}' has no version {version}");
    }

    public ModelVersionRecord GetVersion(string name, int version) =>
        FindVersion(Get(name), version) ?? throw MaasException.NotFound($"model '{name}' has no version {version}");

    private static ModelVersionRecord? FindVersion(ModelRecord model, int version)
    {
        foreach (var candidate in model.Versions)
        {
            if (candidate.Version == version)
            {
                return candidate;
            }
        }

        return null;
    }
}
