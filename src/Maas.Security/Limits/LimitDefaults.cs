namespace Maas.Security.Limits;

/// <summary>
/// Limits for keys that do not override them, bound from <c>Maas:Security:Limits</c>
/// (env <c>MAAS_SECURITY__LIMITS__REQUESTSPERMINUTE</c>, …). Unset or <c>0</c> means no limit.
/// </summary>
public sealed class LimitDefaults
{
    public int? RequestsPerMinute { get; set; }

    public int? TokensPerMinute { get; set; }

    public int? ConcurrentRequests { get; set; }

    public long? RequestsPerDay { get; set; }

    public long? TokensPerDay { get; set; }
}
