using Maas.Runtime;
using Maas.Runtime.Catalog;
using Maas.Runtime.Loading;
using Maas.Runtime.Publishing;

namespace Microsoft.Extensions.DependencyInjection;

public static class RuntimeServiceCollectionExtensions
{
    /// <summary>Model lifecycle and the inference path; needs a registry and a backend registered too.</summary>
    public static IServiceCollection AddMaasRuntime(this IServiceCollection services)
    {
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<ModelLoader>();
        services.AddSingleton<ModelPublisher>();
        services.AddSingleton<InferenceService>();
        services.AddHostedService<RuntimeStartup>();
        return services;
    }
}
