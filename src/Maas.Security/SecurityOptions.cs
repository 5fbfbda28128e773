using Maas.Security.Limits;

namespace Maas.Security;

/// <summary>Bound from <c>Maas:Security</c> (env <c>MAAS_SECURITY__USAGEFLUSHINTERVAL=00:00:30</c>, …).</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Maas:Security";

    /// <summary>How often in-memory usage counts and key last-used times are written to the database.</summary>
    public TimeSpan UsageFlushInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long an authenticated key is trusted from memory before its row is read again. Unset (the default) caches
    /// until revoked, which is exact for one process; set a few seconds when several nodes share the database.
    /// </summary>
    public TimeSpan? KeyCacheTtl { get; set; }

    /// <summary>
    /// A secret the hosted service makes sure exists as an admin key at start (<c>Maas:Security:AdminKey</c>, or
    /// <c>Maas:AdminKey</c> — that is, MAAS_ADMIN_KEY). At least 16 characters.
    /// </summary>
    public string? AdminKey { get; set; }

    /// <summary>Limits for keys without overrides (<c>Maas:Security:Limits</c>).</summary>
    public LimitDefaults Limits { get; set; } = new();
}
