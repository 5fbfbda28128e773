namespace Maas.Llm.Scheduling;

/// <summary>One sequence's part of a forward pass: feed its next <paramref name="TokenCount"/> pending tokens.</summary>
internal readonly record struct ScheduledRow(Sequence Sequence, int TokenCount);

/// <summary>
/// Rows that share one forward pass. <see cref="IsDecode"/> runs feed one token per row and keep the same rows in
/// the same order from step to step, which lets the executor hand the presents back as the next past.
/// </summary>
internal sealed record ScheduledRun(IReadOnlyList<ScheduledRow> Rows, bool IsDecode);

/// <summary>What one iteration of the step loop runs: decode first, then prefill chunks.</summary>
internal sealed record StepPlan(IReadOnlyList<ScheduledRun> Runs)
{
    public static StepPlan Empty { get; } = new([]);

    public bool IsEmpty => Runs.Count == 0;
}

/// <summary>The outcome of one row: the sampled token, or null when the row fed a prompt chunk that is not the last.</summary>
internal readonly record struct RowResult(Sequence Sequence, Sampling.SampledToken? Token);
