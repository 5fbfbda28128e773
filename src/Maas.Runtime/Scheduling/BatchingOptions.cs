namespace Maas.Runtime.Scheduling;

/// <summary>
/// Dynamic batching and instances, from <c>Maas:Batching</c> with per-model overrides in <c>maas.json</c>.
/// The defaults follow Triton: batches form from what is already queued (no added delay) so a lone request
/// pays nothing, while under load the queue fills during each run and the next run takes many requests at once.
/// </summary>
public sealed record BatchingOptions
{
    /// <summary>Most rows (first-dimension entries) in one engine run; 0 or 1 turns batching off.</summary>
    public int MaxBatchSize { get; init; } = 64;

    /// <summary>How long the first request of a batch may wait for company.</summary>
    public TimeSpan MaxQueueDelay { get; init; } = TimeSpan.Zero;

    /// <summary><see cref="MaxQueueDelay"/> in milliseconds, under the name of its key (<c>Maas:Batching:MaxQueueDelayMs</c>).</summary>
    public double MaxQueueDelayMs
    {
        get => MaxQueueDelay.TotalMilliseconds;
        init => MaxQueueDelay = TimeSpan.FromMilliseconds(value);
    }

    /// <summary>Requests that may wait; past it the server answers 429.</summary>
    public int MaxQueueSize { get; init; } = 1024;

    /// <summary>Engine sessions per loaded version, each with its own worker.</summary>
    public int Instances { get; init; } = 1;

    public bool Enabled => MaxBatchSize > 1;

    /// <summary>The settings' own rules, checked at start for <c>Maas:Batching</c> (a typo fails the start, not the first load).</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxBatchSize < 0)
        {
            yield return $"Maas:Batching:MaxBatchSize must be 0 or more; got {MaxBatchSize}";
        }

        if (!(MaxQueueDelayMs >= 0 && MaxQueueDelayMs <= 60_000))
        {
            yield return $"Maas:Batching:MaxQueueDelayMs must be in [0, 60000]; got {MaxQueueDelayMs}";
        }

        if (MaxQueueSize < 1)
        {
            yield return $"Maas:Batching:MaxQueueSize must be 1 or more; got {MaxQueueSize}";
        }

        if (Instances is < 1 or > 64)
        {
            yield return $"Maas:Batching:Instances must be in [1, 64]; got {Instances}";
        }
    }
}
