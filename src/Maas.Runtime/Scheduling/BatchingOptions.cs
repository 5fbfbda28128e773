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

    /// <summary>Requests that may wait; past it the server answers 429.</summary>
    public int MaxQueueSize { get; init; } = 1024;

    /// <summary>Engine sessions per loaded version, each with its own worker.</summary>
    public int Instances { get; init; } = 1;

    public bool Enabled => MaxBatchSize > 1;
}
