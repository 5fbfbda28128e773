using Maas.Runtime;
using Maas.Runtime.Catalog;
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
        var batching = configuration.GetSection("Maas:Batching");
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new BatchingOptions
        {
            MaxBatchSize = batching.GetValue("MaxBatchSize", new BatchingOptions().MaxBatchSize),
            MaxQueueDelay = TimeSpan.FromMilliseconds(batching.GetValue("MaxQueueDelayMs", 0.0)),
            MaxQueueSize = batching.GetValue("MaxQueueSize", new BatchingOptions().MaxQueueSize),
            Instances = batching.GetValue("Instances", new BatchingOptions().Instances),
        }));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RunnerFactory>();
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<ModelLoader>();
        services.AddSingleton<ModelPublisher>();
        services.AddHostedService<RuntimeStartup>();
        return services;
    }
}
