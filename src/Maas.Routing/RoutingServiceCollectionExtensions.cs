using Maas.Routing;

namespace Microsoft.Extensions.DependencyInjection;

public static class RoutingServiceCollectionExtensions
{
    /// <summary>The model router every protocol adapter calls; needs the runtime, pipelines and text generation registered.</summary>
    public static IServiceCollection AddMaasRouting(this IServiceCollection services)
    {
        services.AddSingleton<ModelRouter>();
        return services;
    }
}
