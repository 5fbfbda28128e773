namespace Maas.Security.Limits;

/// <summary>A count for one UTC day that starts again from zero when the day changes. Guarded by the key state's lock.</summary>
internal sealed class DailyCounter
{
    private DateOnly _day;

    public long Count { get; private set; }

    public void Roll(DateOnly today)
    {
        if (today != _day)
        {
            _day = today;
            Count = 0;
        }
    }

    public void Add(long amount) => Count += amount;

    /// <summary>Raises the count to what the usage store recorded; max, not sum, so seeding twice counts nothing twice.</summary>
    public void Seed(DateOnly day, long count)
    {
        Roll(day);
        Count = Math.Max(Count, count);
    }
}
