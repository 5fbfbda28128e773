using Maas.Errors;
using Maas.Security.Limits;
using Maas.Security.Usage;

namespace Maas.Security.Tests.Limits;

public sealed class RateLimiterTests : IDisposable
{
    private readonly SecurityFixture _fixture = new();
    private readonly UsageMeter _usage;

    public RateLimiterTests() => _usage = _fixture.NewUsage();

    public void Dispose()
    {
        _usage.Dispose();
        _fixture.Dispose();
    }

    [Fact]
    public void TryAcquire_OverRequestsPerMinute_RejectsUntilTheNextRequestIsEarned()
    {
        var limiter = _fixture.NewLimiter(_usage);
        var key = TestKeys.With(new KeyLimits(RequestsPerMinute: 5));
        for (var i = 0; i < 5; i++)
        {
            using var allowed = limiter.TryAcquire(key);
            Assert.True(allowed.IsAllowed);
        }

        using var rejected = limiter.TryAcquire(key);
        _fixture.Time.Advance(TimeSpan.FromSeconds(12) - TimeSpan.FromTicks(1));
        using var stillRejected = limiter.TryAcquire(key);
        _fixture.Time.Advance(TimeSpan.FromTicks(1));
        using var again = limiter.TryAcquire(key);
        using var onlyOne = limiter.TryAcquire(key);

        Assert.False(rejected.IsAllowed);
        Assert.Equal(TimeSpan.FromSeconds(12), rejected.RetryAfter);
        Assert.Equal("5 requests per minute", rejected.Reason);
        Assert.False(stillRejected.IsAllowed);
        Assert.True(again.IsAllowed);
        Assert.False(onlyOne.IsAllowed);
    }

    [Fact]
    public void TryAcquire_WithPerMinuteLimits_ReportsOpenAiHeaderNumbers()
    {
        var limiter = _fixture.NewLimiter(_usage, new LimitDefaults { RequestsPerMinute = 60, TokensPerMinute = 1000 });
        var key = TestKeys.With();

        using var decision = limiter.TryAcquire(key);
        var headers = decision.RateLimits.Headers().ToDictionary();

        Assert.Equal("60", headers["x-ratelimit-limit-requests"]);
        Assert.Equal("59", headers["x-ratelimit-remaining-requests"]);
        Assert.Equal("1s", headers["x-ratelimit-reset-requests"]);
        Assert.Equal("1000", headers["x-ratelimit-limit-tokens"]);
        Assert.Equal("1000", headers["x-ratelimit-remaining-tokens"]);
        Assert.Equal("0s", headers["x-ratelimit-reset-tokens"]);
    }

    [Fact]
    public void TryAcquire_WithoutPerMinuteLimits_SendsNoHeaders()
    {
        using var decision = _fixture.NewLimiter(_usage).TryAcquire(TestKeys.With());

        Assert.True(decision.IsAllowed);
        Assert.Empty(decision.RateLimits.Headers());
    }

    [Fact]
    public void TryAcquire_AtConcurrencyLimit_RejectsUntilALeaseIsDisposed()
    {
        var limiter = _fixture.NewLimiter(_usage);
        var key = TestKeys.With(new KeyLimits(ConcurrentRequests: 2));
        var first = limiter.TryAcquire(key);
        using var second = limiter.TryAcquire(key);

        using var third = limiter.TryAcquire(key);
        first.Dispose();
        first.Dispose();
        using var fourth = limiter.TryAcquire(key);
        using var fifth = limiter.TryAcquire(key);

        Assert.True(first.IsAllowed && second.IsAllowed);
        Assert.False(third.IsAllowed);
        Assert.Equal("2 concurrent requests", third.Reason);
        Assert.True(fourth.IsAllowed);
        Assert.False(fifth.IsAllowed);
    }

    [Fact]
    public void TryAcquire_AfterTokensOverPerMinuteBudget_RejectsUntilDebtIsRepaid()
    {
        var limiter = _fixture.NewLimiter(_usage);
        var key = TestKeys.With(new KeyLimits(TokensPerMinute: 1000));
        using (var first = limiter.TryAcquire(key))
        {
            Assert.True(first.IsAllowed);
        }

        limiter.RecordTokens(key, 1500);
        using var rejected = limiter.TryAcquire(key);
        // 500 tokens of debt plus the one token a request needs, earned back at 1000 per minute.
        _fixture.Time.Advance(TimeSpan.FromSeconds(30.06));
        using var allowed = limiter.TryAcquire(key);

        Assert.False(rejected.IsAllowed);
        Assert.Equal(TimeSpan.FromSeconds(30.06), rejected.RetryAfter);
        Assert.Equal(0, rejected.RateLimits.RemainingTokens);
        Assert.True(allowed.IsAllowed);
    }

    [Fact]
    public void TryAcquire_DailyRequestQuota_ResetsAtUtcMidnight()
    {
        using var fixture = new SecurityFixture(new DateTimeOffset(2025, 3, 14, 23, 59, 0, TimeSpan.Zero));
        using var usage = fixture.NewUsage();
        var limiter = fixture.NewLimiter(usage);
        var key = TestKeys.With(new KeyLimits(RequestsPerDay: 3));
        for (var i = 0; i < 3; i++)
        {
            using var allowed = limiter.TryAcquire(key);
            Assert.True(allowed.IsAllowed);
        }

        using var rejected = limiter.TryAcquire(key);
        fixture.Time.Advance(TimeSpan.FromSeconds(60));
        using var nextDay = limiter.TryAcquire(key);

        Assert.False(rejected.IsAllowed);
        Assert.Equal(TimeSpan.FromSeconds(60), rejected.RetryAfter);
        Assert.Equal("3 requests per day", rejected.Reason);
        Assert.True(nextDay.IsAllowed);
    }

    [Fact]
    public void TryAcquire_DailyTokenQuotaReached_RejectsUntilMidnight()
    {
        var limiter = _fixture.NewLimiter(_usage);
        var key = TestKeys.With(new KeyLimits(TokensPerDay: 100));
        using (limiter.TryAcquire(key))
        {
            limiter.RecordTokens(key, 100);
        }

        using var rejected = limiter.TryAcquire(key);

        Assert.False(rejected.IsAllowed);
        Assert.Equal(TimeSpan.FromHours(12), rejected.RetryAfter);
    }

    [Fact]
    public async Task LoadTodayAsync_AfterRestart_KeepsTodaysQuotaUsed()
    {
        var key = TestKeys.With(new KeyLimits(RequestsPerDay: 3, TokensPerDay: 1000));
        await using (var before = _fixture.NewUsage())
        {
            var limiter = _fixture.NewLimiter(before);
            for (var i = 0; i < 3; i++)
            {
                using var decision = limiter.TryAcquire(key);
                Assert.True(decision.IsAllowed);
                before.Record(key.Id, "llm", new UsageDelta(Requests: 1, InputTokens: 10, OutputTokens: 5));
            }
        }

        await using var after = _fixture.NewUsage();
        var restarted = _fixture.NewLimiter(after);
        await restarted.LoadTodayAsync(CancellationToken.None);
        using var rejected = restarted.TryAcquire(key);
        _fixture.Time.Advance(TimeSpan.FromHours(12));
        using var tomorrow = restarted.TryAcquire(key);

        Assert.False(rejected.IsAllowed);
        Assert.Equal("3 requests per day", rejected.Reason);
        Assert.True(tomorrow.IsAllowed);
    }

    [Fact]
    public async Task LoadTodayAsync_YesterdaysUsage_DoesNotCountToday()
    {
        var key = TestKeys.With(new KeyLimits(RequestsPerDay: 1));
        _usage.Record(key.Id, "llm", new UsageDelta(Requests: 5));
        _fixture.Time.Advance(TimeSpan.FromDays(1));
        var limiter = _fixture.NewLimiter(_usage);

        await limiter.LoadTodayAsync(CancellationToken.None);
        using var decision = limiter.TryAcquire(key);

        Assert.True(decision.IsAllowed);
    }

    [Fact]
    public void TryAcquire_KeyOverride_WinsOverDefaultsAndZeroMeansUnlimited()
    {
        var limiter = _fixture.NewLimiter(_usage, new LimitDefaults { RequestsPerMinute = 1 });
        var unlimited = TestKeys.With(new KeyLimits(RequestsPerMinute: 0), id: "unlimited");
        var tighter = TestKeys.With(new KeyLimits(RequestsPerMinute: 2), id: "two");
        var inherits = TestKeys.With(id: "default");

        var unlimitedPassed = Enumerable.Range(0, 50).Count(_ => Pass(limiter.TryAcquire(unlimited)));
        var tighterPassed = Enumerable.Range(0, 5).Count(_ => Pass(limiter.TryAcquire(tighter)));
        var inheritedPassed = Enumerable.Range(0, 5).Count(_ => Pass(limiter.TryAcquire(inherits)));

        Assert.Equal(50, unlimitedPassed);
        Assert.Equal(2, tighterPassed);
        Assert.Equal(1, inheritedPassed);
    }

    [Fact]
    public void ToException_Rejection_IsTooManyRequestsWithRetryAfterSeconds()
    {
        var limiter = _fixture.NewLimiter(_usage);
        var key = TestKeys.With(new KeyLimits(RequestsPerMinute: 7));
        for (var i = 0; i < 7; i++)
        {
            limiter.TryAcquire(key).Dispose();
        }

        using var rejected = limiter.TryAcquire(key);
        var error = rejected.ToException();

        Assert.Equal(ErrorKind.TooManyRequests, error.Kind);
        // 60/7 s = 8.57 s, rounded up so a client that waits the advertised time does pass.
        Assert.Equal(9, error.RetryAfterSeconds);
        Assert.Contains("7 requests per minute", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryAcquire_SeveralLimitsHit_ReportsTheLongestWait()
    {
        var limiter = _fixture.NewLimiter(_usage);
        var key = TestKeys.With(new KeyLimits(RequestsPerMinute: 1, RequestsPerDay: 1));
        limiter.TryAcquire(key).Dispose();

        using var rejected = limiter.TryAcquire(key);

        Assert.Equal("1 requests per day", rejected.Reason);
        Assert.Equal(TimeSpan.FromHours(12), rejected.RetryAfter);
    }

    private static bool Pass(LimitDecision decision)
    {
        using (decision)
        {
            return decision.IsAllowed;
        }
    }
}
