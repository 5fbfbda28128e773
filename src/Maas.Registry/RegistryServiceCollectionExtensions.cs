using Maas.Registry;
using Maas.Registry.Artifacts;
using Maas.Registry.Blobs;
using Maas.Registry.Metadata;
using Maas.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class RegistryServiceCollectionExtensions
{
    /// <summary>
    /// The registry over one data folder: blobs in <c>blobs/</c>, metadata in <c>maas.db</c>, extracted archives in
    /// <c>models/</c>. Archive limits bind as <c>IOptions&lt;ArchiveLimits&gt;</c>,
    /// the disk reserve as <c>IOptions&lt;StorageLimits&gt;</c>. The caller still runs
    /// <see cref="IModelRegistry.InitializeAsync"/> and then <see cref="RegistryJanitor.CleanAsync"/> at start.
    /// </summary>
    public static IServiceCollection AddMaasRegistry(this IServiceCollection services, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        var root = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(root);

        services.AddOptions<ArchiveLimits>();
        services.AddOptions<StorageLimits>();
        services.TryAddSingleton(sp => new StorageGuard(root, sp.GetRequiredService<IOptions<StorageLimits>>().Value));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBlobStore>(sp => new LocalBlobStore(root, sp.GetRequiredService<StorageGuard>()));
        services.TryAddSingleton<IModelRegistry>(sp => new SqliteModelRegistry(root, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new ArtifactCache(
            root, sp.GetRequiredService<IBlobStore>(), sp.GetRequiredService<IOptions<ArchiveLimits>>().Value));
        services.TryAddSingleton<RegistryJanitor>();
        return services;
    }
}
