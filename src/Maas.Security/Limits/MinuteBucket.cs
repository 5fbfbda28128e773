namespace Maas.Security.Limits;

/// <summary>
/// A token bucket holding up to <c>limit</c> units that refills continuously at <c>limit</c> per minute: a full
/// minute's allowance may be spent in a burst, then units trickle back (one every 60/limit seconds). Unlike a fixed
/// window it never allows 2× the limit across a window edge, and "reset" means what OpenAI's header means: the time
/// until the bucket is full again. The balance is kept in units × ticks-per-minute so every step is exact integer
/// arithmetic — a waiting client is told the precise tick at which it will pass. Not thread-safe: the owning key
/// state locks around it.
/// </summary>
internal sealed class MinuteBucket
{
    private const long Window = TimeSpan.TicksPerMinute;

    // Token debt (an LLM call far over its budget) saturates here instead of overflowing.
    private const long Floor = long.MinValue / 2;

    private long _limit;
    private long _balance;
    private long _updated;

    private long Capacity => _limit * Window;

    /// <summary>Brings the balance up to <paramref name="now"/> (ticks of a monotonic clock).</summary>
    public void Refill(long now, long limit)
    {
        if (_limit != limit)
        {
            // First use starts full; a changed limit keeps what was spent, capped to the new size.
            _balance = _limit == 0 ? limit * Window : Math.Min(_balance, limit * Window);
            _limit = limit;
            _updated = now;
            return;
        }

        var elapsed = now - _updated;
        _updated = now;
        var deficit = Capacity - _balance;
        if (elapsed <= 0 || deficit <= 0)
        {
            return;
        }

        _balance = elapsed >= CeilDiv(deficit, _limit) ? Capacity : _balance + (elapsed * _limit);
    }

    public bool HasOne => _balance >= Window;

    public long Remaining => Math.Max(0, _balance / Window);

    public TimeSpan UntilOne => TimeSpan.FromTicks(_balance >= Window ? 0 : CeilDiv(Window - _balance, _limit));

    public TimeSpan UntilFull => TimeSpan.FromTicks(CeilDiv(Capacity - _balance, _limit));

    public void Take(long units)
    {
        if (units <= 0)
        {
            return;
        }

        _balance = units >= (_balance - Floor) / Window ? Floor : _balance - (units * Window);
    }

    private static long CeilDiv(long value, long divisor) => value <= 0 || divisor <= 0 ? 0 : ((value - 1) / divisor) + 1;
}
