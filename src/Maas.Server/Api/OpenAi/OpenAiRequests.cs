using System.Text.Json.Serialization.Metadata;
using Maas.Errors;
using Maas.Server.Hosting;
using Microsoft.AspNetCore.Http;

namespace Maas.Server.Api.OpenAi;

/// <summary>Reading an OpenAI request body into its contract type.</summary>
internal static class OpenAiRequests
{
    public static async Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo, long limit)
        where T : class
    {
        using var body = await RequestBody.ReadAsync(context.Request, limit, context.RequestAborted);
        return JsonBody.Deserialize(body.Memory.Span, typeInfo, "a JSON object");
    }

    public static MaasException Invalid(string? param, string message) => new(ErrorKind.InvalidInput, message) { Param = param };

}
