using Maas.Llm.Serving;
using Maas.Runtime.Tasks;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

public static class LlmServiceCollectionExtensions
{
    /// <summary>Serves <c>text-generation</c> versions with a <see cref="Maas.Llm.GenerationEngine"/>; engine settings from <c>Maas:Llm</c>.</summary>
    public static IServiceCollection AddTextGeneration(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new LlmServingOptions();
        configuration.GetSection("Maas:Llm").Bind(options);
        services.AddSingleton(options);
        services.AddSingleton<ITaskServing, TextGenerationServing>();
        return services;
    }
}
