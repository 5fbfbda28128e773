using System.Text.Json;
using Maas.Errors;
using Maas.Models;
using Maas.Routing;
using Maas.Security.Keys;
using Maas.Server.Auth;
using Maas.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Maas.Server.Api.Predict;

/// <summary>
/// The friendly route (KServe V1 / TF Serving row format): <c>POST /v1/models/{ref}:predict</c> with
/// <c>{"instances": [...]}</c>, answering <c>{"predictions": [...]}</c>, one prediction per instance.
/// </summary>
internal static class PredictApi
{
    private const string PredictVerb = ":predict";

    public static IEndpointRouteBuilder MapPredictApi(this IEndpointRouteBuilder routes)
    {
        // A reference may itself contain ':' (mlp:2:predict), so the verb is split off by hand.
        routes.MapPost("/v1/models/{target}", PredictAsync).RequireScope(Scope.Infer);
        return routes;
    }

    private static async Task PredictAsync(string target, HttpContext context, ModelRouter router, IOptions<ServerLimits> limits)
    {
        if (!target.EndsWith(PredictVerb, StringComparison.Ordinal))
        {
            throw MaasException.NotFound($"unknown route; use POST /v1/models/{{model}}{PredictVerb}");
        }

        var referenceText = target[..^PredictVerb.Length];
        if (!ModelReference.TryParse(referenceText, out var reference, out var error))
        {
            throw MaasException.NotFound(error);
        }

        // Only multipart: curl -d sends JSON labelled application/x-www-form-urlencoded, which stays JSON here.
        if (context.Request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true)
        {
            await TaskPredict.PredictFormAsync(context, router.Resolve(context.GetCaller(), reference), router, limits.Value);
            return;
        }

        using var body = await RequestBody.ReadAsync(context.Request, limits.Value.MaxInferenceBodyBytes, context.RequestAborted);
        using var document = JsonBody.Parse(body.Memory, "a JSON object with an 'instances' array");
        var instances = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("instances", out var i)
            && i.ValueKind == JsonValueKind.Array
            ? i
            : throw MaasException.InvalidInput("the body must be a JSON object with an 'instances' array");
        if (instances.GetArrayLength() == 0)
        {
            throw MaasException.InvalidInput("'instances' is empty; send at least one instance");
        }

        var model = router.Resolve(context.GetCaller(), reference);
        if (TaskInstances.AreTaskInstances(model.Task, instances))
        {
            await TaskPredict.PredictJsonAsync(context, model, router, document.RootElement, instances);
            return;
        }

        using var request = InstanceBatcher.ToRequest(instances, model.Version.Signature, limits.Value.MaxTensorElements);
        using var response = await router.InferAsync(model, request, context.RequestAborted);
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        PredictionWriter.Write(writer, response, instances.GetArrayLength());
    }
}
