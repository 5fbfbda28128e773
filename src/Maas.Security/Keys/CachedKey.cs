namespace Maas.Security.Keys;

/// <summary>A key found by its hash, kept so authentication costs one HMAC and a dictionary hit.</summary>
internal sealed class CachedKey(KeyInfo key, byte[] hash, long cachedAt)
{
    private long _lastUsedTicks;
    private long _persistedTicks;

    public KeyInfo Key { get; } = key;

    public byte[] Hash { get; } = hash;

    /// <summary><see cref="TimeProvider.GetTimestamp"/> when loaded, for the optional TTL.</summary>
    public long CachedAt { get; } = cachedAt;

    public DateTimeOffset? LastUsed => Interlocked.Read(ref _lastUsedTicks) is > 0 and var ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public void MarkUsed(DateTimeOffset now) => Interlocked.Exchange(ref _lastUsedTicks, now.UtcTicks);

    /// <summary>The last-used time not yet written to the database, if any.</summary>
    public DateTimeOffset? PendingLastUsed
    {
        get
        {
            var used = Interlocked.Read(ref _lastUsedTicks);
            return used > Interlocked.Read(ref _persistedTicks) ? new DateTimeOffset(used, TimeSpan.Zero) : null;
        }
    }

    public void MarkPersisted(DateTimeOffset value) => Interlocked.Exchange(ref _persistedTicks, value.UtcTicks);
}
