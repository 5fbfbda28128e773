using System.Text.Json;
using Maas.Routing;
using Maas.Security.Keys;
using Maas.Server.Auth;
using Maas.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Maas.Server.Api.OpenAi.Embeddings;

/// <summary>OpenAI <c>POST /v1/embeddings</c> on feature-extraction models; errors are OpenAI error objects.</summary>
internal static class EmbeddingsApi
{
    public static IEndpointRouteBuilder MapEmbeddingsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/embeddings", EmbedAsync).RequireScope(Scope.Infer).WithOpenAiErrors();
        return routes;
    }

    private static async Task EmbedAsync(HttpContext context, ModelRouter router, IOptions<ServerLimits> limits)
    {
        using var body = await RequestBody.ReadAsync(context.Request, limits.Value.MaxInferenceBodyBytes, context.RequestAborted);
        var request = EmbeddingsRequest.Parse(body.Memory);
        var model = router.Resolve(context.GetCaller(), request.Model);
        var result = await router.EmbedAsync(model, request.Input, request.Dimensions, context.RequestAborted);
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        EmbeddingsResponseWriter.Write(writer, request.Model, result, request.Base64);
    }
}
