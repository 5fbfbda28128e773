using System.Text.Json;
using Maas.Errors;
using Maas.Server.Api.OpenAi;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Maas.Server.Errors;

/// <summary>
/// Turns every failure into API.md's error body. Known failures keep their message; anything unexpected is logged
/// and answered with a 500 that carries no stack trace or path.
/// </summary>
internal sealed partial class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    /// <summary>Retry-After of a 503 that did not say: most are a load or reload in progress, over within a second.</summary>
    private const int DefaultUnavailableRetrySeconds = 1;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
            if (!context.Response.HasStarted && RouteMisses.IsBodyless(context.Response))
            {
                await ErrorResponses.WriteAsync(context, context.Response.StatusCode, RouteMisses.Message(context));
            }
        }
        catch (MaasException ex)
        {
            var retryAfter = ex.RetryAfterSeconds ?? (ex.Kind == ErrorKind.Unavailable ? DefaultUnavailableRetrySeconds : null);
            await ErrorResponses.WriteAsync(context, ErrorResponses.StatusCode(ex.Kind), ex.Message, retryAfter, ex.Param, OpenAiErrors.DefaultCode(ex));
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own limits and framing errors: oversize bodies arrive here as 413.
            var message = ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "the request body is over the size limit of this route"
                : "the request could not be read: " + ex.Message;
            await ErrorResponses.WriteAsync(context, ex.StatusCode, message);
        }
        catch (JsonException ex)
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "the request body is not valid JSON: " + ex.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception ex)
        {
            LogUnhandled(logger, context.Request.Method, context.Request.Path, ex);
            await ErrorResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, "internal server error");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled failure on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, PathString path, Exception exception);
}
