namespace Maas.Cli.Bench;

/// <summary>
/// What one load level measured over its reported windows (the last stable ones): throughput, end-to-end latency
/// percentiles as the client saw them, and failed requests (non-2xx answers and transport errors).
/// </summary>
internal sealed record LevelResult(
    string Mode,
    double Load,
    long Requests,
    long Errors,
    double Seconds,
    double Throughput,
    double InferencesPerSecond,
    double P50Ms,
    double P90Ms,
    double P95Ms,
    double P99Ms,
    double MeanMs,
    double MaxMs,
    int Windows,
    bool Stable,
    IReadOnlyList<double> WindowThroughputs,
    IReadOnlyDictionary<int, long> ErrorsByStatus);
