using System.Text.Json;
using Maas.Errors;
using Maas.Server.Api.OpenAi;
using Maas.Server.Hosting;
using Microsoft.AspNetCore.Http;

namespace Maas.Server.Errors;

/// <summary>The <c>{"error": "..."}</c> body of API.md and the status code of each error kind.</summary>
internal static class ErrorResponses
{
    // Messages quote names ('x', <key>); the default encoder would turn those into \u0027 for HTML safety, which
    // only hurts people reading a JSON error in a terminal.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int StatusCode(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidInput => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        ErrorKind.InvalidModel => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorKind.InsufficientStorage => StatusCodes.Status507InsufficientStorage,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static async Task WriteAsync(HttpContext context, int status, string message, int? retryAfterSeconds = null, string? param = null, string? code = null)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        // Clear drops every header; the security headers go back on, and a 405 keeps routing's Allow.
        var allow = context.Response.Headers.Allow;
        context.Response.Clear();
        SecurityHeadersMiddleware.Apply(context.Response.Headers);
        if (status == StatusCodes.Status405MethodNotAllowed && allow.Count > 0)
        {
            context.Response.Headers.Allow = allow;
        }

        context.Response.StatusCode = status;
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body, WriterOptions);
        // A last guard: a framework message wrapped somewhere upstream must not name a .NET parameter.
        message = ErrorText.WithoutParameterSuffix(message);
        if (OpenAiErrors.IsOpenAiRoute(context))
        {
            OpenAiErrors.Write(writer, status, message, param, code);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("error"u8, message);
        writer.WriteEndObject();
    }
}
