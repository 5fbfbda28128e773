using Microsoft.AspNetCore.Http;

namespace Maas.Server.Hosting;

/// <summary>Headers every response carries so a browser never sniffs, frames or caches API answers.</summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        Apply(context.Response.Headers);
        return next(context);
    }

    /// <summary>Also called after an error clears the response, so 4xx and 5xx answers carry them too.</summary>
    public static void Apply(IHeaderDictionary headers)
    {
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
    }
}
