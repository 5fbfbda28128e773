using System.Diagnostics;
using Maas.Errors;
using Maas.Routing;
using Maas.Security.Keys;
using Maas.Security.Limits;
using Maas.Security.Usage;
using Microsoft.AspNetCore.Http;

namespace Maas.Server.Auth;

/// <summary>
/// Runs after routing, so it knows the endpoint: authenticates the bearer key (401), checks the endpoint's scope and
/// the model grant of routes that name a model (403), applies the key's rate limits and quotas (429 with Retry-After
/// and OpenAI's x-ratelimit-* headers) and meters the request's usage when it ends.
/// </summary>
internal sealed class AuthMiddleware(RequestDelegate next, ApiKeyService keys, RateLimiter limiter, UsageMeter usage, AuthSettings settings)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var access = endpoint?.Metadata.GetMetadata<EndpointAccess>() ?? EndpointAccess.AdminOnly;
        if (endpoint is null || access.Anonymous)
        {
            await next(context);
            return;
        }

        var key = settings.Open ? Caller.LocalKey : await AuthenticateAsync(context);
        if (!access.AllowsAny(key))
        {
            throw new MaasException(ErrorKind.Forbidden,
                $"API key '{key.Id}' lacks the scope this route needs ({string.Join(" or ", access.Scopes.Select(ScopeText.Name))})");
        }

        var caller = new Caller(key);
        context.SetCaller(caller);
        if (HttpCaller.RouteModel(context) is { } model)
        {
            // Management routes name their model in the URL and have no router entry; inference routes are checked
            // again by the router, which is what makes a route that forgets this safe.
            caller.EnsureCanUseModel(model);
        }

        if (settings.Open)
        {
            await next(context);
            return;
        }

        using var decision = limiter.TryAcquire(key);
        foreach (var (name, value) in decision.RateLimits.Headers())
        {
            context.Response.Headers[name] = value;
        }

        if (!decision.IsAllowed)
        {
            throw decision.ToException();
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var consumed = caller.Usage;
            usage.Record(key.Id, caller.Model ?? "-", new UsageDelta(
                Requests: 1,
                InputTokens: consumed.InputTokens,
                OutputTokens: consumed.OutputTokens,
                Images: consumed.Images,
                ComputeMilliseconds: (long)elapsed.TotalMilliseconds));
            if (consumed.InputTokens + consumed.OutputTokens > 0)
            {
                limiter.RecordTokens(key, (int)Math.Min(int.MaxValue, consumed.InputTokens + consumed.OutputTokens));
            }
        }
    }

    private async ValueTask<KeyInfo> AuthenticateAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            throw new MaasException(ErrorKind.Unauthenticated, "an API key is required: send 'Authorization: Bearer <key>'");
        }

        const string Bearer = "Bearer ";
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            throw new MaasException(ErrorKind.Unauthenticated, "the Authorization header must be 'Bearer <key>'");
        }

        return await keys.AuthenticateAsync(header[Bearer.Length..].Trim(), context.RequestAborted)
            ?? throw new MaasException(ErrorKind.Unauthenticated, "the API key is unknown, revoked or expired");
    }
}

/// <summary>Whether the server runs with authentication off (<c>--auth none</c> on loopback).</summary>
internal sealed record AuthSettings(bool Open);
