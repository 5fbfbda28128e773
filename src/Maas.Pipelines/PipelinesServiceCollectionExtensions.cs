using Maas.Pipelines;
using Maas.Runtime.Tasks;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class PipelinesServiceCollectionExtensions
{
    /// <summary>Serves text classification, token classification, feature extraction and image classification models.</summary>
    public static IServiceCollection AddMaasPipelines(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITaskServing, PipelineServing>());
        return services;
    }
}
