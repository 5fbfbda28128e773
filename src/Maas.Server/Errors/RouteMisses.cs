using Microsoft.AspNetCore.Http;

namespace Maas.Server.Errors;

/// <summary>
/// Routing answers an unknown path (404) and a known path with the wrong method (405) with no body at all; these
/// messages give them the protocol's error body, naming what was asked and, for 405, what the route accepts.
/// </summary>
internal static class RouteMisses
{
    private const int MaxPathShown = 200;

    public static bool IsBodyless(HttpResponse response) =>
        response.StatusCode is StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed
        && response.ContentLength is null or 0
        && string.IsNullOrEmpty(response.ContentType);

    public static string Message(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (path.Length > MaxPathShown)
        {
            path = path[..MaxPathShown] + "...";
        }

        if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            var allowed = context.Response.Headers.Allow.ToString();
            return allowed.Length > 0
                ? $"method {request.Method} is not allowed on {path}; this route accepts {allowed}"
                : $"method {request.Method} is not allowed on {path}";
        }

        return $"no route matches {request.Method} {path}; see API.md for the routes this server answers";
    }
}
