using Maas.Registry.Artifacts;
using Maas.Storage;
using Maas.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Maas.Registry.Tests;

public sealed class RegistryServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddMaasRegistry_ResolvedServices_WorkAgainstTheDataFolder()
    {
        using var temp = new TempDirectory();
        var data = temp.Combine("home", ".maas");

        await using var services = new ServiceCollection().AddMaasRegistry(data).BuildServiceProvider();
        var registry = services.GetRequiredService<IModelRegistry>();
        await registry.InitializeAsync(CancellationToken.None);
        var blob = await services.GetRequiredService<IBlobStore>().PutAsync(new GeneratedStream(10), 10, CancellationToken.None);
        var report = await services.GetRequiredService<RegistryJanitor>().CleanAsync(CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(data, "maas.db")));
        // Nothing committed the blob, so the janitor (sharing the same store) collected it.
        Assert.Equal(1, report.OrphanBlobs);
        Assert.False(File.Exists(Path.Combine(data, "blobs", "sha256", blob.Sha256[..2], blob.Sha256)));
        Assert.Same(services.GetRequiredService<ArtifactCache>(), services.GetRequiredService<ArtifactCache>());
        Assert.Same(registry, services.GetRequiredService<IModelRegistry>());
        Assert.Equal(Path.Combine(data, "models"), services.GetRequiredService<ArtifactCache>().ModelsDirectory);
    }
}
