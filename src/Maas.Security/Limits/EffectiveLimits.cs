namespace Maas.Security.Limits;

/// <summary>A key's limits after applying the defaults; 0 means no limit.</summary>
internal readonly record struct EffectiveLimits(long RequestsPerMinute, long TokensPerMinute, long ConcurrentRequests, long RequestsPerDay, long TokensPerDay)
{
    public static EffectiveLimits Resolve(KeyLimits? key, LimitDefaults defaults) => new(
        Math.Max(0, key?.RequestsPerMinute ?? defaults.RequestsPerMinute ?? 0),
        Math.Max(0, key?.TokensPerMinute ?? defaults.TokensPerMinute ?? 0),
        Math.Max(0, key?.ConcurrentRequests ?? defaults.ConcurrentRequests ?? 0),
        Math.Max(0, key?.RequestsPerDay ?? defaults.RequestsPerDay ?? 0),
        Math.Max(0, key?.TokensPerDay ?? defaults.TokensPerDay ?? 0));
}
