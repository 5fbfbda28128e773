using System.Text.Json.Serialization.Metadata;
using Maas.Errors;
using Maas.Llm.Serving;
using Maas.Models;
using Maas.Runtime;
using Maas.Runtime.Loading;
using Maas.Server.Hosting;
using Microsoft.AspNetCore.Http;
using Maas.Server.Auth;

namespace Maas.Server.Api.OpenAi;

/// <summary>Reading an OpenAI request body and resolving its <c>model</c> to a loaded generation model.</summary>
internal static class OpenAiRequests
{
    public static async Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo, long limit)
        where T : class
    {
        using var body = await RequestBody.ReadAsync(context.Request, limit, context.RequestAborted);
        return JsonBody.Deserialize(body.Memory.Span, typeInfo, "a JSON object");
    }

    /// <summary>Leases the version <paramref name="model"/> names; 404 <c>model_not_found</c>, or 400 for a model that does not generate text.</summary>
    public static async Task<(ModelLease Lease, LlmModel Model)> LeaseAsync(HttpContext context, string? model, InferenceService inference)
    {
        var cancellationToken = context.RequestAborted;
        if (string.IsNullOrWhiteSpace(model))
        {
            throw Invalid("model", "'model' is required: a model reference such as name, name:2 or name@prod");
        }

        if (!ModelReference.TryParse(model, out var reference, out var error))
        {
            throw new MaasException(ErrorKind.NotFound, error) { Param = "model", Code = "model_not_found" };
        }

        context.EnsureModelGrant(reference.Name);
        ModelLease lease;
        try
        {
            lease = await inference.LeaseAsync(reference, cancellationToken);
        }
        catch (MaasException ex) when (ex.Kind == ErrorKind.NotFound)
        {
            throw new MaasException(ErrorKind.NotFound, ex.Message, ex) { Param = "model", Code = "model_not_found" };
        }

        try
        {
            return (lease, lease.TaskServing<LlmModel>("text-generation"));
        }
        catch (MaasException ex)
        {
            lease.Dispose();
            throw new MaasException(ex.Kind, ex.Message, ex) { Param = "model" };
        }
    }

    public static MaasException Invalid(string? param, string message) => new(ErrorKind.InvalidInput, message) { Param = param };

    /// <summary>Charges the tokens of a generation to the request's usage when it ends, finished or abandoned.</summary>
    public static IDisposable Meter(HttpContext context, ChoiceSet set) => new TokenMeter(context, set);

    private sealed class TokenMeter(HttpContext context, ChoiceSet set) : IDisposable
    {
        public void Dispose() => context.AddUsage(inputTokens: set.PromptTokens, outputTokens: set.CompletionTokens);
    }
}
