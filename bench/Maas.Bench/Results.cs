using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace Maas.Bench;

/// <summary>Everything one run measured; written as <c>bench/results/foundation-&lt;UTC date&gt;.json</c>.</summary>
internal sealed record BenchResults(
    string Benchmark,
    DateTimeOffset StartedUtc,
    string Command,
    MachineInfo Machine,
    BenchSettings Settings,
    IReadOnlyList<ConcurrencyResult> Points,
    TargetResult Target,
    string? LoadAverageBefore,
    string? LoadAverageAfter)
{
    /// <summary>The first three fields of /proc/loadavg: how busy the machine was with other work around the run.</summary>
    public static string? LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return null;
        }
    }
}

internal sealed record MachineInfo(int Nproc, string Cpu, string Os, string Dotnet, string OnnxRuntime)
{
    public static MachineInfo Detect() => new(
        Environment.ProcessorCount,
        CpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        RawOrtRunner.Version);

    private static string CpuModel()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
                {
                    return line[(colon + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}

internal sealed record BenchSettings(
    string Model,
    string Server,
    string ServerArguments,
    string Request,
    string RawOrtSession,
    string HttpClient,
    double WarmupSeconds,
    double DurationSeconds,
    IReadOnlyList<int> Concurrency);

/// <summary>One concurrency level; <see cref="HttpFloor"/> is the same server answering bare GET /v2/health/ready.</summary>
internal sealed record ConcurrencyResult(int Concurrency, PointResult RawOrt, PointResult Maas, double Ratio, PointResult HttpFloor, double FloorRatio);

internal sealed record TargetResult(int Concurrency, double RequiredRatio, double? MeasuredRatio, bool Met);

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BenchResults))]
internal sealed partial class ResultsJsonContext : JsonSerializerContext;
