using System.Text.Json.Serialization;

namespace Maas.Bench.Compare;

/// <summary>
/// One server at one concurrency. Throughput is answered rows per second (one row per request for the HTTP servers;
/// for raw ORT, rows per second in batches of <see cref="BatchSize"/>); latencies are per request (per Run for raw ORT).
/// </summary>
internal sealed record SeriesPoint(
    int Concurrency,
    double Throughput,
    double P50Ms,
    double P90Ms,
    double P95Ms,
    double P99Ms,
    long Requests,
    long Errors,
    int Windows,
    bool Stable,
    IReadOnlyList<double> WindowThroughputs,
    double? ServerCpuUsPerRequest,
    int? BatchSize)
{
    /// <summary>Requests per engine run while this point was measured (warm-up included), from the server's statistics.</summary>
    public double? RowsPerRun { get; init; }
}

internal sealed record SeriesResult(string Key, string Label, string Description, IReadOnlyList<SeriesPoint> Points)
{
    public SeriesPoint? At(int concurrency) => Points.FirstOrDefault(p => p.Concurrency == concurrency);
}

internal sealed record ModelComparison(string Model, string Workload, IReadOnlyList<SeriesResult> Series)
{
    public SeriesResult? Get(string key) => Series.FirstOrDefault(s => s.Key == key);
}

internal sealed record TargetCheck(string Target, string Model, int Concurrency, double? Measured, string Required, bool Met, string Detail);

internal sealed record CompareResults(
    string Benchmark,
    DateTimeOffset StartedUtc,
    string Command,
    MachineInfo Machine,
    string LoadGenerator,
    double WarmupSeconds,
    double WindowSeconds,
    int MaxWindows,
    IReadOnlyList<ModelComparison> Models,
    IReadOnlyList<TargetCheck> Targets,
    string? LoadAverageBefore,
    string? LoadAverageAfter,
    string? Chart);

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(CompareResults))]
internal sealed partial class CompareJsonContext : JsonSerializerContext;
