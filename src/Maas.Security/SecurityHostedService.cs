using Maas.Security.Keys;
using Maas.Security.Limits;
using Maas.Security.Storage;
using Maas.Security.Usage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Maas.Security;

/// <summary>
/// Start: migrate the security tables, ensure the configured admin key, seed today's quota counters. Run: flush usage
/// and key last-used times every interval. Stop: one last flush, so a clean shutdown loses no counts.
/// </summary>
internal sealed partial class SecurityHostedService(
    SecurityDatabase database,
    ApiKeyService keys,
    UsageMeter usage,
    RateLimiter limiter,
    IOptions<SecurityOptions> options,
    TimeProvider time,
    ILogger<SecurityHostedService> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.InitializeAsync(cancellationToken);
        if (options.Value.AdminKey is { Length: > 0 } adminKey)
        {
            var key = await keys.EnsureAdminKeyAsync(adminKey, "admin", cancellationToken);
            LogAdminKey(logger, key.Id, key.Prefix);
        }

        await limiter.LoadTodayAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(CancellationToken.None);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.UsageFlushInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await FlushAsync(stoppingToken);
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await usage.FlushAsync(cancellationToken);
            await keys.FlushLastUsedAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down; StopAsync flushes once more without a token.
        }
        catch (Exception e)
        {
            // Counts stay in memory and go with the next flush; a locked or full disk must not stop the server.
            LogFlushFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin key {KeyId} ({Prefix}…) is configured")]
    private static partial void LogAdminKey(ILogger logger, string keyId, string prefix);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing usage counts failed; they stay in memory and are retried")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
