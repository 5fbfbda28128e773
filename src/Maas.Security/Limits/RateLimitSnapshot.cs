using System.Globalization;

namespace Maas.Security.Limits;

/// <summary>
/// The per-minute numbers OpenAI reports on every response. Fields are null for a limit the key does not have, and
/// such headers are left out rather than sent with a made-up number.
/// </summary>
public sealed record RateLimitSnapshot(
    long? RequestLimit,
    long? RemainingRequests,
    TimeSpan? RequestsReset,
    long? TokenLimit,
    long? RemainingTokens,
    TimeSpan? TokensReset)
{
    public static RateLimitSnapshot None { get; } = new(null, null, null, null, null, null);

    /// <summary>
    /// <c>x-ratelimit-limit-requests</c>, <c>x-ratelimit-remaining-requests</c>, <c>x-ratelimit-reset-requests</c>
    /// and the same three for tokens, with resets spelled like <c>1s</c> or <c>6m0s</c>.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>> Headers() =>
        RequestLimit is null && TokenLimit is null ? [] : Enumerate(); // keys without limits: no iterator per request

    private IEnumerable<KeyValuePair<string, string>> Enumerate()
    {
        if (RequestLimit is { } requestLimit)
        {
            yield return new("x-ratelimit-limit-requests", requestLimit.ToString(CultureInfo.InvariantCulture));
            yield return new("x-ratelimit-remaining-requests", (RemainingRequests ?? 0).ToString(CultureInfo.InvariantCulture));
            yield return new("x-ratelimit-reset-requests", DurationText.FormatForHeader(RequestsReset ?? TimeSpan.Zero));
        }

        if (TokenLimit is { } tokenLimit)
        {
            yield return new("x-ratelimit-limit-tokens", tokenLimit.ToString(CultureInfo.InvariantCulture));
            yield return new("x-ratelimit-remaining-tokens", (RemainingTokens ?? 0).ToString(CultureInfo.InvariantCulture));
            yield return new("x-ratelimit-reset-tokens", DurationText.FormatForHeader(TokensReset ?? TimeSpan.Zero));
        }
    }
}
