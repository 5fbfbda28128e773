using Maas.Runtime;
using Maas.Runtime.Catalog;
using Maas.Runtime.Configuration;
using Maas.Runtime.Loading;
using Maas.Runtime.Publishing;
using Maas.Runtime.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class RuntimeServiceCollectionExtensions
{
    /// <summary>Model lifecycle and the inference path; needs a registry and a backend registered too.</summary>
    public static IServiceCollection AddMaasRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BatchingOptions>()
            .Bind(configuration.GetSection("Maas:Batching"))
            .ValidateProblems(o => o.Problems());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RunnerFactory>();
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<ModelLoader>();
        services.AddSingleton<ModelPublisher>();
        services.AddHostedService<RuntimeStartup>();
        return services;
    }
}
