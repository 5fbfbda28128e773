namespace Maas.Llm.Scheduling;

/// <summary>The knobs of <see cref="ContinuousBatchScheduler"/>, taken from the engine options.</summary>
internal sealed record SchedulerLimits(
    int MaxRunning,
    int MaxWaiting,
    int PrefillChunkTokens,
    TimeSpan MaxQueueWait,
    int RetryAfterSeconds,
    bool CanPadBatches);
