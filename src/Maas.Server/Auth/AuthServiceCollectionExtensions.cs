using Maas.Server.Auth;

namespace Microsoft.Extensions.DependencyInjection;

internal static class AuthServiceCollectionExtensions
{
    /// <summary>Keys, limits, usage and audit (Maas.Security), plus the first-start admin key.</summary>
    public static IServiceCollection AddMaasAuth(this IServiceCollection services, string dataDirectory, bool open, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.AddMaasSecurity(dataDirectory, configuration);
        services.AddSingleton(new AuthSettings(open));
        services.AddSingleton(new ServerPaths(dataDirectory));
        services.AddHostedService<AdminKeyBootstrap>();
        return services;
    }
}
