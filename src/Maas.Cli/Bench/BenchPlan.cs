namespace Maas.Cli.Bench;

/// <summary>Which API a bench drives: KServe V2 infer, the friendly <c>:predict</c>, or OpenAI chat completions.</summary>
internal enum BenchProtocol
{
    V2,
    Predict,
    OpenAi,
}

/// <summary>
/// Everything one <c>maas bench</c> run does, as perf_analyzer does it: for each load level (a concurrency, or one
/// request rate), a warm-up, then measurement windows of <see cref="Window"/> until the throughput of the last
/// <see cref="StableWindows"/> windows agrees within <see cref="StabilityTolerance"/>, or <see cref="MaxWindows"/> ran.
/// </summary>
internal sealed record BenchPlan
{
    public required BenchProtocol Protocol { get; init; }

    /// <summary>Closed-loop levels: that many requests in flight at all times. Empty when <see cref="Rate"/> is set.</summary>
    public IReadOnlyList<int> Concurrency { get; init; } = [1];

    /// <summary>Open-loop: requests started per second, whatever the answers take. Null for a concurrency sweep.</summary>
    public double? Rate { get; init; }

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(5);

    public int MaxWindows { get; init; } = 6;

    public int StableWindows { get; init; } = 3;

    public double StabilityTolerance { get; init; } = 0.10;

    /// <summary>Rows per request (the batch dimension of every generated input); recorded for inferences per second.</summary>
    public int Batch { get; init; } = 1;

    /// <summary>Cap on requests in flight in rate mode, so an overloaded server cannot make the client unbounded.</summary>
    public int MaxInFlight { get; init; } = 1024;
}
