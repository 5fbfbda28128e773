using System.Collections.Concurrent;
using Maas.Errors;
using Maas.Security.Limits;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Maas.Security.Keys;

/// <summary>
/// Creates, checks and revokes API keys. Secrets are returned once at creation and stored only as an HMAC under the
/// server secret. Authenticated keys are cached in memory by hash; <see cref="RevokeAsync"/> evicts them, so a
/// revocation holds from the very next request. That guarantee is per process: with several nodes sharing one
/// database, set <see cref="SecurityOptions.KeyCacheTtl"/> to a few seconds so the other nodes re-read the row.
/// </summary>
public sealed partial class ApiKeyService
{
    private const int MaxNameLength = 100;

    // Short operator-chosen admin secrets are guessable; 16 characters is the floor.
    private const int MinAdminSecretLength = 16;

    private readonly ApiKeyStore _store;
    private readonly KeyHasher _hasher;
    private readonly TimeProvider _time;
    private readonly TimeSpan? _cacheTtl;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<HashKey, CachedKey> _cache = new();

    // Bumped by every change to a key row; a lookup that raced with one does not leave its stale result cached.
    private int _generation;

    internal ApiKeyService(ApiKeyStore store, KeyHasher hasher, TimeProvider time, TimeSpan? cacheTtl, ILogger<ApiKeyService> logger)
    {
        _store = store;
        _hasher = hasher;
        _time = time;
        _cacheTtl = cacheTtl;
        _logger = logger;
    }

    /// <summary>Creates a key; the returned <see cref="CreatedKey.Secret"/> cannot be recovered later.</summary>
    public async Task<CreatedKey> CreateAsync(NewKey request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = ValidName(request.Name);
        if (request.Scopes is null || request.Scopes.Count == 0)
        {
            throw MaasException.InvalidInput("a key needs at least one scope: admin, deploy or infer");
        }

        var patterns = request.ModelPatterns ?? [];
        ModelGrants.Validate(patterns);
        var now = _time.GetUtcNow();
        if (request.Expires is { } expires && expires <= now)
        {
            throw MaasException.InvalidInput("the expiry time is in the past");
        }

        ValidateLimits(request.Limits);
        for (var attempt = 1; ; attempt++)
        {
            var secret = KeySecrets.NewSecret();
            var key = new KeyInfo(
                KeySecrets.NewId(), name, KeySecrets.PrefixOf(secret), [.. request.Scopes.Distinct().Order()], [.. patterns.Distinct()],
                now, request.Expires, Revoked: null, LastUsed: null, request.Limits is { IsEmpty: false } limits ? limits : null);
            try
            {
                await _store.InsertAsync(key, _hasher.Hash(secret), cancellationToken);
                LogCreated(_logger, key.Id, key.Name, ScopeText.Format(key.Scopes));
                return new CreatedKey(secret, key);
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 19 && attempt < 3)
            {
                // A random id collided with an existing one (constraint violation); draw again.
            }
        }
    }

    /// <summary>
    /// The key for a presented secret, or null when it is unknown, revoked or expired. A ValueTask: every request
    /// calls this and almost every call is a cache hit that completes without awaiting.
    /// </summary>
    public async ValueTask<KeyInfo?> AuthenticateAsync(string presentedSecret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(presentedSecret) || presentedSecret.Length > KeyHasher.MaxSecretLength)
        {
            return null;
        }

        var hash = _hasher.Hash(presentedSecret);
        var cacheKey = HashKey.From(hash);
        if (!_cache.TryGetValue(cacheKey, out var entry) || IsStale(entry))
        {
            entry = await LoadAsync(cacheKey, hash, cancellationToken);
            if (entry is null)
            {
                // Unknown secrets are not cached: a flood of guesses must not grow memory.
                return null;
            }
        }

        if (!KeyHasher.Matches(entry.Hash, hash))
        {
            return null;
        }

        var now = _time.GetUtcNow();
        if (entry.Key.IsRevoked || entry.Key.IsExpired(now))
        {
            return null;
        }

        entry.MarkUsed(now);
        return entry.Key;
    }

    public async Task<IReadOnlyList<KeyInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var keys = await _store.ListAsync(cancellationToken);
        return [.. keys.Select(WithLiveLastUsed)];
    }

    public async Task<KeyInfo?> GetAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return await _store.GetAsync(id, cancellationToken) is { } key ? WithLiveLastUsed(key) : null;
    }

    /// <summary>Revokes a key (idempotent) effective from the next request; throws a not-found error for an unknown id.</summary>
    public async Task<KeyInfo> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var key = await _store.RevokeAsync(id, _time.GetUtcNow(), cancellationToken)
            ?? throw MaasException.NotFound($"API key '{id}' does not exist");
        Evict(id);
        LogRevoked(_logger, id);
        return key;
    }

    /// <summary>
    /// Makes sure a key with this secret exists and has the admin scope (for MAAS_ADMIN_KEY); idempotent. A key that
    /// was revoked stays revoked — an environment variable left in a unit file must not undo a deliberate
    /// revocation — so rotate by setting a new secret.
    /// </summary>
    public async Task<KeyInfo> EnsureAdminKeyAsync(string secret, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < MinAdminSecretLength || secret.Length > KeyHasher.MaxSecretLength || secret.Any(char.IsWhiteSpace))
        {
            throw MaasException.InvalidInput(
                $"the admin key must be {MinAdminSecretLength} to {KeyHasher.MaxSecretLength} characters without spaces");
        }

        var candidate = new KeyInfo(
            KeySecrets.NewId(), ValidName(name), KeySecrets.PrefixOf(secret), [Scope.Admin], [], _time.GetUtcNow(),
            Expires: null, Revoked: null, LastUsed: null, Limits: null);
        var key = await _store.EnsureAdminAsync(candidate, _hasher.Hash(secret), cancellationToken);
        Evict(key.Id);
        if (key.IsRevoked)
        {
            LogAdminKeyRevoked(_logger, key.Id);
        }

        return key;
    }

    /// <summary>Writes last-used times seen since the previous call; the hosted service runs this with the usage flush.</summary>
    public async Task FlushLastUsedAsync(CancellationToken cancellationToken)
    {
        var pending = new List<(CachedKey Entry, DateTimeOffset At)>();
        foreach (var entry in _cache.Values)
        {
            if (entry.PendingLastUsed is { } at)
            {
                pending.Add((entry, at));
            }
        }

        await _store.TouchAsync([.. pending.Select(p => KeyValuePair.Create(p.Entry.Key.Id, p.At))], cancellationToken);
        foreach (var (entry, at) in pending)
        {
            entry.MarkPersisted(at);
        }
    }

    private async Task<CachedKey?> LoadAsync(HashKey cacheKey, byte[] hash, CancellationToken cancellationToken)
    {
        var generation = Volatile.Read(ref _generation);
        if (await _store.FindByHashAsync(hash, cancellationToken) is not { } found)
        {
            return null;
        }

        var entry = new CachedKey(found.Key, found.Hash, _time.GetTimestamp());
        _cache[cacheKey] = entry;
        if (Volatile.Read(ref _generation) != generation)
        {
            // A revoke ran while we read; what we read may predate it, so let the next request read again.
            _cache.TryRemove(KeyValuePair.Create(cacheKey, entry));
        }

        return entry;
    }

    private bool IsStale(CachedKey entry) => _cacheTtl is { } ttl && _time.GetElapsedTime(entry.CachedAt) >= ttl;

    private void Evict(string id)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (cacheKey, entry) in _cache)
        {
            if (entry.Key.Id == id)
            {
                _cache.TryRemove(KeyValuePair.Create(cacheKey, entry));
            }
        }
    }

    private KeyInfo WithLiveLastUsed(KeyInfo key)
    {
        foreach (var entry in _cache.Values)
        {
            if (entry.Key.Id == key.Id && entry.LastUsed is { } used && (key.LastUsed is null || used > key.LastUsed))
            {
                return key with { LastUsed = used };
            }
        }

        return key;
    }

    private static string ValidName(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxNameLength || trimmed.Any(char.IsControl))
        {
            throw MaasException.InvalidInput($"a key name must be 1 to {MaxNameLength} printable characters");
        }

        return trimmed;
    }

    private static void ValidateLimits(KeyLimits? limits)
    {
        if (limits is null)
        {
            return;
        }

        if (limits.RequestsPerMinute < 0 || limits.TokensPerMinute < 0 || limits.ConcurrentRequests < 0
            || limits.RequestsPerDay < 0 || limits.TokensPerDay < 0)
        {
            throw MaasException.InvalidInput("key limits cannot be negative; use 0 for no limit");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created API key {KeyId} '{Name}' with scopes {Scopes}")]
    private static partial void LogCreated(ILogger logger, string keyId, string name, string scopes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revoked API key {KeyId}")]
    private static partial void LogRevoked(ILogger logger, string keyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The configured admin key {KeyId} is revoked and will not authenticate; set a new MAAS_ADMIN_KEY")]
    private static partial void LogAdminKeyRevoked(ILogger logger, string keyId);
}
