using System.Text.Json;
using Maas.Errors;
using Maas.Models;
using Maas.Pipelines.Embeddings;
using Maas.Runtime;
using Maas.Runtime.Tasks;
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

    private static async Task EmbedAsync(HttpContext context, InferenceService inference, IOptions<ServerLimits> limits)
    {
        using var body = await RequestBody.ReadAsync(context.Request, limits.Value.MaxInferenceBodyBytes, context.RequestAborted);
        var request = EmbeddingsRequest.Parse(body.Memory);
        if (!ModelReference.TryParse(request.Model, out var reference, out var error))
        {
            throw new MaasException(ErrorKind.NotFound, error) { Param = "model", Code = "model_not_found" };
        }

        context.EnsureModelGrant(reference.Name);
        using var lease = await inference.LeaseAsync(reference, context.RequestAborted);
        if (lease.Version.Task != TaskNames.FeatureExtraction)
        {
            throw new MaasException(ErrorKind.InvalidInput,
                $"model '{request.Model}' is a {lease.Version.Task} model; /v1/embeddings needs a feature-extraction model")
            {
                Param = "model",
            };
        }

        var result = await lease.TaskServing<EmbeddingPipeline>(TaskNames.FeatureExtraction)
            .EmbedAsync(request.Input, request.Dimensions, context.RequestAborted);
        context.AddUsage(inputTokens: result.PromptTokens);
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        EmbeddingsResponseWriter.Write(writer, request.Model, result, request.Base64);
    }
}
