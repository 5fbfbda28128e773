using System.Text.Json;
using Maas.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Maas.Server.Api.OpenAi;

/// <summary>
/// The OpenAI error body, <c>{"error": {"message", "type", "param", "code"}}</c>, used on the OpenAI routes so the
/// official SDKs raise their usual exceptions.
/// </summary>
internal static class OpenAiErrors
{
    /// <summary>
    /// Whether errors of this request take the OpenAI shape: what its endpoint declares with
    /// <see cref="OpenAiErrorsExtensions.WithOpenAiErrors{TBuilder}"/>. Only when no route matched (404, or routing's
    /// own 405 endpoint) is the path used instead.
    /// </summary>
    public static bool IsOpenAiRoute(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint endpoint
            ? endpoint.Metadata.GetMetadata<OpenAiErrorShape>() is not null
            : IsOpenAiPath(context.Request);

    /// <summary>
    /// The OpenAI paths: chat, completions, embeddings, and the GETs of /v1/models. A POST under /v1/models is KServe
    /// V1's <c>/v1/models/{m}:predict</c> (or a mistyped verb of it), which keeps the plain error body.
    /// </summary>
    private static bool IsOpenAiPath(HttpRequest request) =>
        request.Path.StartsWithSegments("/v1/chat", StringComparison.Ordinal)
        || request.Path.StartsWithSegments("/v1/completions", StringComparison.Ordinal)
        || request.Path.StartsWithSegments("/v1/embeddings", StringComparison.Ordinal)
        || (request.Path.StartsWithSegments("/v1/models", StringComparison.Ordinal) && !HttpMethods.IsPost(request.Method));

    public static string Type(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "authentication_error",
        StatusCodes.Status403Forbidden => "permission_error",
        StatusCodes.Status404NotFound => "not_found_error",
        StatusCodes.Status429TooManyRequests => "rate_limit_error",
        >= 500 => "server_error",
        _ => "invalid_request_error",
    };

    public static void Write(Utf8JsonWriter writer, int status, string message, string? param, string? code)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error"u8);
        writer.WriteString("message"u8, message);
        writer.WriteString("type"u8, Type(status));
        WriteNullable(writer, "param"u8, param);
        WriteNullable(writer, "code"u8, code);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static string? DefaultCode(MaasException error) => error.Code ?? (error.Kind == ErrorKind.NotFound ? "model_not_found" : null);

    private static void WriteNullable(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}

/// <summary>Endpoint metadata: errors of this endpoint are written as OpenAI error objects.</summary>
internal sealed class OpenAiErrorShape
{
    public static OpenAiErrorShape Instance { get; } = new();
}

internal static class OpenAiErrorsExtensions
{
    public static TBuilder WithOpenAiErrors<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(OpenAiErrorShape.Instance);
}
