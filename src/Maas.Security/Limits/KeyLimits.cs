namespace Maas.Security.Limits;

/// <summary>
/// Per-key overrides of <see cref="LimitDefaults"/>. For each field, <c>null</c> inherits the configured default and
/// <c>0</c> means no limit for this key; anything else is the limit.
/// </summary>
public sealed record KeyLimits(
    int? RequestsPerMinute = null,
    int? TokensPerMinute = null,
    int? ConcurrentRequests = null,
    long? RequestsPerDay = null,
    long? TokensPerDay = null)
{
    internal bool IsEmpty => this == new KeyLimits();
}
