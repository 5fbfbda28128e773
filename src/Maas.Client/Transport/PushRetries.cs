namespace Maas.Client.Transport;

/// <summary>When a push is worth sending again. Only safe because every try carries the same idempotency key.</summary>
internal static class PushRetries
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public const string ReplayedHeader = "Idempotency-Replayed";

    // Long waits belong to the caller's own policy; a push retries only over short hiccups.
    private static readonly TimeSpan MaxServerDelay = TimeSpan.FromSeconds(30);

    public static bool IsReplayed(HttpResponseMessage response) =>
        response.Headers.TryGetValues(ReplayedHeader, out var values) && values.Any(v => string.Equals(v, "true", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A dropped exchange that got past connecting (the server may have committed), a gateway or overload answer,
    /// or a 429 with a short Retry-After. Not: a refusal, or a server that cannot be reached at all.
    /// </summary>
    public static bool ShouldRetry(MaasApiException error, int attempt, out TimeSpan delay)
    {
        delay = TimeSpan.FromSeconds(attempt);
        switch (error.StatusCode)
        {
            case 0:
                return error.InnerException switch
                {
                    HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError } => false,
                    HttpRequestException or IOException => true,
                    _ => false,
                };
            case 429 or 503 when error.RetryAfter is { } wait:
                delay = wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
                return wait <= MaxServerDelay;
            case 502 or 503 or 504:
                return true;
            default:
                return false;
        }
    }
}
