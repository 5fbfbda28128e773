using Maas.Llm.Serving;
using Maas.Runtime.Configuration;
using Maas.Runtime.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class LlmServiceCollectionExtensions
{
    /// <summary>Serves <c>text-generation</c> versions with a <see cref="Maas.Llm.GenerationEngine"/>; engine settings from <c>Maas:Llm</c>.</summary>
    public static IServiceCollection AddTextGeneration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LlmServingOptions>()
            .Bind(configuration.GetSection("Maas:Llm"))
            .ValidateProblems(o => o.Problems());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LlmServingOptions>>().Value);
        services.AddSingleton<ITaskServing, TextGenerationServing>();
        return services;
    }
}
