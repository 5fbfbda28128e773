using Maas.Routing;
using Maas.Runtime.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Maas.Server.Auth;

namespace Maas.Server.Api.OpenAi;

/// <summary>
/// <c>GET /v1/models</c> lists every model of the registry, whatever its task (embedding and tensor models are listed
/// too, as vLLM and Ollama list theirs); <c>GET /v1/models/{ref}</c> takes any reference (name, name:2, name@prod).
/// </summary>
internal static class ModelsApi
{
    public static IEndpointRouteBuilder MapOpenAiModelsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/models", (HttpContext context, ModelCatalog catalog) =>
            Results.Json(
                new ModelList("list", [.. catalog.Models
                    .Where(m => context.GetCaller().CanUseModel(m.Name))
                    .OrderBy(m => m.Name, StringComparer.Ordinal)
                    .Select(m => Card(m.Name, m.Created))]),
                OpenAiJsonContext.Default.ModelList));
        routes.MapGet("/v1/models/{id}", (string id, HttpContext context, ModelRouter router) =>
            Results.Json(Card(id, router.Resolve(context.GetCaller(), id).Version.Created), OpenAiJsonContext.Default.ModelCard));
        return routes;
    }

    private static ModelCard Card(string id, DateTimeOffset created) => new(id, "model", created.ToUnixTimeSeconds(), "maas");
}
