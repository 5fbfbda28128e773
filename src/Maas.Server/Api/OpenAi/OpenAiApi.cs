using Microsoft.AspNetCore.Routing;

namespace Maas.Server.Api.OpenAi;

/// <summary>The OpenAI-compatible routes; errors on them are written as OpenAI error objects by the error middleware.</summary>
internal static class OpenAiApi
{
    public static IEndpointRouteBuilder MapOpenAiApi(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenAiModelsApi();
        routes.MapCompletionsApi();
        routes.MapChatCompletionsApi();
        return routes;
    }
}
