namespace Maas.Security.Limits;

/// <summary>The live counters of one key. Requests of different keys never share a lock.</summary>
internal sealed class KeyLimitState
{
    private int _inFlight;

    public object Gate { get; } = new();

    public MinuteBucket Requests { get; } = new();

    public MinuteBucket Tokens { get; } = new();

    public DailyCounter RequestsToday { get; } = new();

    public DailyCounter TokensToday { get; } = new();

    public int InFlight => Volatile.Read(ref _inFlight);

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Leave() => Interlocked.Decrement(ref _inFlight);
}
