using System.Collections.Concurrent;
using System.Globalization;
using Maas.Security.Keys;
using Maas.Security.Storage;
using Maas.Security.Usage;

namespace Maas.Security.Limits;

/// <summary>
/// Per-key admission in memory: requests and tokens per minute (token buckets, see <see cref="MinuteBucket"/>),
/// concurrent requests, and requests and tokens per UTC day. Token use is only known after an LLM call, so
/// <see cref="RecordTokens"/> charges it afterwards and the next request is refused while the key is over budget.
/// Daily counts restart at UTC midnight and are seeded from the usage store at start (<see cref="LoadTodayAsync"/>),
/// so a restart does not hand out a fresh daily quota. Each key has its own lock; keys never contend.
/// </summary>
public sealed class RateLimiter
{
    // A full concurrency slot frees when some request finishes, which we cannot predict; ask for a short wait.
    private static readonly TimeSpan ConcurrencyRetry = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly LimitDefaults _defaults;
    private readonly UsageMeter _usage;
    private readonly long _origin;
    private readonly ConcurrentDictionary<string, KeyLimitState> _states = new(StringComparer.Ordinal);

    internal RateLimiter(TimeProvider time, LimitDefaults defaults, UsageMeter usage)
    {
        _time = time;
        _defaults = defaults;
        _usage = usage;
        _origin = time.GetTimestamp();
    }

    /// <summary>Admits or rejects one request for <paramref name="key"/>; a rejection consumes nothing.</summary>
    public LimitDecision TryAcquire(KeyInfo key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var limits = EffectiveLimits.Resolve(key.Limits, _defaults);
        var now = _time.GetElapsedTime(_origin).Ticks;
        var utcNow = _time.GetUtcNow();
        var state = _states.GetOrAdd(key.Id, static _ => new KeyLimitState());
        lock (state.Gate)
        {
            Refresh(state, limits, now, StoredText.UtcDay(utcNow));
            string? reason = null;
            var wait = TimeSpan.Zero;
            void Consider(long limit, string unit, TimeSpan retryAfter)
            {
                if (reason is null || retryAfter > wait)
                {
                    reason = string.Create(CultureInfo.InvariantCulture, $"{limit} {unit}");
                    wait = retryAfter;
                }
            }

            if (limits.RequestsPerMinute > 0 && !state.Requests.HasOne)
            {
                Consider(limits.RequestsPerMinute, "requests per minute", state.Requests.UntilOne);
            }

            if (limits.TokensPerMinute > 0 && !state.Tokens.HasOne)
            {
                Consider(limits.TokensPerMinute, "tokens per minute", state.Tokens.UntilOne);
            }

            if (limits.ConcurrentRequests > 0 && state.InFlight >= limits.ConcurrentRequests)
            {
                Consider(limits.ConcurrentRequests, "concurrent requests", ConcurrencyRetry);
            }

            if (limits.RequestsPerDay > 0 && state.RequestsToday.Count >= limits.RequestsPerDay)
            {
                Consider(limits.RequestsPerDay, "requests per day", UntilNextUtcDay(utcNow));
            }

            if (limits.TokensPerDay > 0 && state.TokensToday.Count >= limits.TokensPerDay)
            {
                Consider(limits.TokensPerDay, "tokens per day", UntilNextUtcDay(utcNow));
            }

            if (reason is not null)
            {
                return LimitDecision.Rejected(key.Id, reason, wait, Snapshot(state, limits));
            }

            if (limits.RequestsPerMinute > 0)
            {
                state.Requests.Take(1);
            }

            state.RequestsToday.Add(1);
            state.Enter();
            return LimitDecision.Allowed(state, key.Id, Snapshot(state, limits));
        }
    }

    /// <summary>Charges tokens an LLM call used (input + output) to the key's per-minute and daily budgets.</summary>
    public void RecordTokens(KeyInfo key, int tokens)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (tokens <= 0)
        {
            return;
        }

        var limits = EffectiveLimits.Resolve(key.Limits, _defaults);
        var state = _states.GetOrAdd(key.Id, static _ => new KeyLimitState());
        lock (state.Gate)
        {
            Refresh(state, limits, _time.GetElapsedTime(_origin).Ticks, StoredText.UtcDay(_time.GetUtcNow()));
            if (limits.TokensPerMinute > 0)
            {
                state.Tokens.Take(tokens);
            }

            state.TokensToday.Add(tokens);
        }
    }

    /// <summary>
    /// Seeds today's per-key request and token counts from the usage store (flushed and pending). The hosted service
    /// calls this at start, before the server takes traffic.
    /// </summary>
    public async Task LoadTodayAsync(CancellationToken cancellationToken)
    {
        var today = StoredText.UtcDay(_time.GetUtcNow());
        var rows = await _usage.QueryAsync(null, today, today, cancellationToken);
        foreach (var perKey in rows.GroupBy(r => r.KeyId, StringComparer.Ordinal))
        {
            var state = _states.GetOrAdd(perKey.Key, static _ => new KeyLimitState());
            lock (state.Gate)
            {
                state.RequestsToday.Seed(today, perKey.Sum(r => r.Requests));
                state.TokensToday.Seed(today, perKey.Sum(r => r.InputTokens + r.OutputTokens));
            }
        }
    }

    private static void Refresh(KeyLimitState state, EffectiveLimits limits, long now, DateOnly today)
    {
        state.RequestsToday.Roll(today);
        state.TokensToday.Roll(today);
        if (limits.RequestsPerMinute > 0)
        {
            state.Requests.Refill(now, limits.RequestsPerMinute);
        }

        if (limits.TokensPerMinute > 0)
        {
            state.Tokens.Refill(now, limits.TokensPerMinute);
        }
    }

    private static RateLimitSnapshot Snapshot(KeyLimitState state, EffectiveLimits limits) =>
        limits.RequestsPerMinute == 0 && limits.TokensPerMinute == 0
            ? RateLimitSnapshot.None
            : new RateLimitSnapshot(
                limits.RequestsPerMinute > 0 ? limits.RequestsPerMinute : null,
                limits.RequestsPerMinute > 0 ? state.Requests.Remaining : null,
                limits.RequestsPerMinute > 0 ? state.Requests.UntilFull : null,
                limits.TokensPerMinute > 0 ? limits.TokensPerMinute : null,
                limits.TokensPerMinute > 0 ? state.Tokens.Remaining : null,
                limits.TokensPerMinute > 0 ? state.Tokens.UntilFull : null);

    private static TimeSpan UntilNextUtcDay(DateTimeOffset utcNow) =>
        new DateTimeOffset(utcNow.UtcDateTime.Date.AddDays(1), TimeSpan.Zero) - utcNow;
}
