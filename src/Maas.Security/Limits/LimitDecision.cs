using System.Globalization;
using Maas.Errors;

namespace Maas.Security.Limits;

/// <summary>
/// The answer to one request: either admitted, holding a concurrency slot until disposed, or rejected with how long
/// to wait. Dispose it in a <c>finally</c> (or <c>using</c>) either way; disposing twice or a rejection is harmless.
/// </summary>
public sealed class LimitDecision : IDisposable
{
    private KeyLimitState? _slot;

    private LimitDecision(KeyLimitState? slot, string keyId, string? reason, TimeSpan retryAfter, RateLimitSnapshot rateLimits)
    {
        _slot = slot;
        KeyId = keyId;
        Reason = reason;
        RetryAfter = retryAfter;
        RateLimits = rateLimits;
    }

    public bool IsAllowed => Reason is null;

    public string KeyId { get; }

    /// <summary>For a rejection, the limit that was hit, such as <c>"60 requests per minute"</c>; null when allowed.</summary>
    public string? Reason { get; }

    /// <summary>How long until a retry can pass; zero when allowed.</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>Retry-After in whole seconds, rounded up and at least 1, for a rejection.</summary>
    public int RetryAfterSeconds => (int)Math.Clamp(Math.Ceiling(RetryAfter.TotalSeconds), 1, int.MaxValue);

    public RateLimitSnapshot RateLimits { get; }

    /// <summary>A 429-kind error the HTTP edge can throw for a rejection.</summary>
    public MaasException ToException() =>
        new(ErrorKind.TooManyRequests, string.Create(CultureInfo.InvariantCulture,
            $"API key '{KeyId}' reached its limit of {Reason}; retry after {RetryAfterSeconds}s"))
        {
            RetryAfterSeconds = RetryAfterSeconds,
        };

    public void Dispose() => Interlocked.Exchange(ref _slot, null)?.Leave();

    internal static LimitDecision Allowed(KeyLimitState slot, string keyId, RateLimitSnapshot rateLimits) =>
        new(slot, keyId, null, TimeSpan.Zero, rateLimits);

    internal static LimitDecision Rejected(string keyId, string reason, TimeSpan retryAfter, RateLimitSnapshot rateLimits) =>
        new(null, keyId, reason, retryAfter, rateLimits);
}
