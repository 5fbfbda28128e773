using Maas.Security.Keys;
using Maas.Server.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Maas.Server.Api.OpenAi;

/// <summary>The OpenAI-compatible routes; errors on them are written as OpenAI error objects by the error middleware.</summary>
internal static class OpenAiApi
{
    public static IEndpointRouteBuilder MapOpenAiApi(this IEndpointRouteBuilder routes)
    {
        var openAi = routes.MapGroup(string.Empty).RequireScope(Scope.Infer).WithOpenAiErrors();
        openAi.MapOpenAiModelsApi();
        openAi.MapCompletionsApi();
        openAi.MapChatCompletionsApi();
        return routes;
    }
}
