using Maas.Registry;
using Maas.Runtime.Catalog;
using Maas.Runtime.Loading;
using Maas.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Maas.Runtime;

/// <summary>
/// Brings the registry to a clean state before the server answers: migrations, then removal of whatever a crash
/// left behind (temporary uploads, blobs no committed version references), then the in-memory catalog.
/// </summary>
internal sealed partial class RuntimeStartup(
    IModelRegistry registry,
    RegistryJanitor janitor,
    ModelCatalog catalog,
    ModelLoader loader,
    ILogger<RuntimeStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await registry.InitializeAsync(cancellationToken);
        var report = await janitor.CleanAsync(cancellationToken);
        LogCleaned(logger, report.ToString());
        await catalog.RefreshAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        loader.UnloadAll();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registry ready; cleanup: {Report}")]
    private static partial void LogCleaned(ILogger logger, string report);
}
