namespace Maas.Llm.Caching;

/// <summary>
/// The cache memory budget in tokens, shared by every sequence of one engine. A sequence reserves its worst case
/// (prompt + max new tokens, capped by the context) when it is admitted and returns it when it ends, so a running
/// sequence can never run out of cache half way and nothing needs preempting. Not thread-safe: the scheduler
/// calls it under its lock.
/// </summary>
internal sealed class KvCacheBudget(int capacityTokens)
{
    public int CapacityTokens { get; } = capacityTokens;

    public int ReservedTokens { get; private set; }

    public bool TryReserve(int tokens)
    {
        if (ReservedTokens + tokens > CapacityTokens)
        {
            return false;
        }

        ReservedTokens += tokens;
        return true;
    }

    public void Release(int tokens) => ReservedTokens -= tokens;
}
