using Maas.Security;
using Maas.Security.Audit;
using Maas.Security.Keys;
using Maas.Security.Limits;
using Maas.Security.Storage;
using Maas.Security.Usage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>
    /// API keys, rate limits, usage metering and the audit log over <c>&lt;data&gt;/maas.db</c> (tables of their own)
    /// and <c>&lt;data&gt;/secret.key</c>. Options bind from <c>Maas:Security</c>. A hosted service migrates the
    /// tables, ensures the admin key, seeds quotas at start, and flushes usage periodically and at shutdown.
    /// </summary>
    public static IServiceCollection AddMaasSecurity(this IServiceCollection services, string dataDirectory, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ArgumentNullException.ThrowIfNull(configuration);
        var root = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(root);

        services.AddOptions<SecurityOptions>()
            .Bind(configuration.GetSection(SecurityOptions.SectionName))
            .PostConfigure(o => o.AdminKey ??= configuration["Maas:AdminKey"])
            .Validate(o => o.UsageFlushInterval > TimeSpan.Zero, "Maas:Security:UsageFlushInterval must be positive")
            .Validate(o => o.KeyCacheTtl is not { } ttl || ttl > TimeSpan.Zero, "Maas:Security:KeyCacheTtl must be positive when set")
            .ValidateOnStart();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SecurityDatabase(Path.Combine(root, "maas.db"), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(_ => new ServerSecret(Path.Combine(root, "secret.key")));
        services.TryAddSingleton(sp => new KeyHasher(sp.GetRequiredService<ServerSecret>()));
        services.TryAddSingleton(sp => new ApiKeyStore(sp.GetRequiredService<SecurityDatabase>()));
        services.TryAddSingleton(sp => new UsageStore(sp.GetRequiredService<SecurityDatabase>()));
        services.TryAddSingleton(sp => new ApiKeyService(
            sp.GetRequiredService<ApiKeyStore>(), sp.GetRequiredService<KeyHasher>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<SecurityOptions>>().Value.KeyCacheTtl, sp.GetRequiredService<ILogger<ApiKeyService>>()));
        services.TryAddSingleton(sp => new UsageMeter(sp.GetRequiredService<UsageStore>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new RateLimiter(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<SecurityOptions>>().Value.Limits,
            sp.GetRequiredService<UsageMeter>()));
        services.TryAddSingleton(sp => new AuditLog(sp.GetRequiredService<SecurityDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<SecurityHostedService>();
        return services;
    }
}
