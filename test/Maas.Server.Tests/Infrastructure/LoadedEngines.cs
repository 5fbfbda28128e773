using Maas.Llm;
using Maas.Llm.Serving;
using Maas.Models;
using Maas.Runtime.Catalog;
using Maas.Runtime.Loading;
using Microsoft.Extensions.DependencyInjection;

namespace Maas.Server.Tests.Infrastructure;

/// <summary>Reaches a loaded LLM's engine the way a request would (a lease on the resolved version), for scheduler checks.</summary>
public static class LoadedEngines
{
    public static async Task<GenerationEngine> LeaseEngineAsync(IServiceProvider services, string reference)
    {
        ModelReference.TryParse(reference, out var parsed, out _);
        var version = services.GetRequiredService<ModelCatalog>().Resolve(parsed!);
        using var lease = await services.GetRequiredService<ModelLoader>().AcquireAsync(version, CancellationToken.None);
        // The engine outlives this lease while the version stays loaded, which is all a scheduler check needs.
        return lease.TaskServing<LlmModel>("text-generation").Engine;
    }
}
