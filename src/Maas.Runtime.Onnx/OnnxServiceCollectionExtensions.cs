using Maas.Inference;
using Maas.Runtime.Onnx;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class OnnxServiceCollectionExtensions
{
    /// <summary>
    /// Registers the ONNX Runtime backend as a singleton <see cref="IModelBackend"/>, with <see cref="OnnxOptions"/>
    /// bound from the <c>Maas:Onnx</c> section of <paramref name="configuration"/> (the root configuration) and
    /// validated on start, and the <see cref="OnnxSessionFactory"/> every ORT session is created by. Calling it twice
    /// registers it once.
    /// </summary>
    public static IServiceCollection AddOnnxRuntimeBackend(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OnnxOptions>()
            .Bind(configuration.GetSection(OnnxOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OnnxOptions>, OnnxOptionsValidator>());
        services.TryAddSingleton<OnnxSessionFactory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IModelBackend, OnnxBackend>(
            provider => new OnnxBackend(provider.GetRequiredService<OnnxSessionFactory>())));
        return services;
    }
}
