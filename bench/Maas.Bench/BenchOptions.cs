using System.Globalization;

namespace Maas.Bench;

/// <summary>Command-line options of <c>maas-bench run</c>.</summary>
internal sealed record BenchOptions
{
    public required Uri Server { get; init; }

    public required string OnnxPath { get; init; }

    public required string ExpectedPath { get; init; }

    public string ModelName { get; init; } = "mlp-regression";

    public IReadOnlyList<int> Concurrency { get; init; } = [1, 8, 32];

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Where <c>foundation-&lt;UTC date&gt;.json</c> goes; null writes no file.</summary>
    public string? ResultsDirectory { get; init; }

    /// <summary>The BENCHMARKS.md whose marked section is regenerated; null leaves it alone.</summary>
    public string? MarkdownPath { get; init; }

    /// <summary>The command line recorded in the results (what a reader runs to reproduce them).</summary>
    public string Command { get; init; } = "bench/run.sh";

    /// <summary>Extra arguments the server was started with (recorded only; empty means its defaults).</summary>
    public string ServerArguments { get; init; } = "";

    /// <summary>The server's process id, to report its CPU use from /proc; optional.</summary>
    public int? ServerPid { get; init; }

    /// <summary>Maas throughput / raw ORT throughput that the target asks for at <see cref="TargetConcurrency"/>.</summary>
    public double TargetRatio { get; init; } = 0.5;

    public int TargetConcurrency { get; init; } = 8;

    public static BenchOptions Parse(ReadOnlySpan<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new BenchException($"expected '--name value', got '{name}'");
            }

            values[name[2..]] = args[++i];
        }

        string Required(string name) =>
            values.Remove(name, out var value) ? value : throw new BenchException($"--{name} is required");

        string? Optional(string name) => values.Remove(name, out var value) ? value : null;

        var options = new BenchOptions
        {
            Server = new Uri(Required("server"), UriKind.Absolute),
            OnnxPath = Required("onnx"),
            ExpectedPath = Required("expected"),
        };
        options = options with
        {
            ModelName = Optional("model") ?? options.ModelName,
            Concurrency = Optional("concurrency") is { } list ? ParseList(list) : options.Concurrency,
            Warmup = Optional("warmup") is { } warmup ? Seconds("warmup", warmup) : options.Warmup,
            Duration = Optional("duration") is { } duration ? Seconds("duration", duration) : options.Duration,
            ResultsDirectory = Optional("results-dir"),
            MarkdownPath = Optional("markdown"),
            Command = Optional("command") ?? options.Command,
            ServerArguments = Optional("server-args") ?? options.ServerArguments,
            ServerPid = Optional("server-pid") is { } pid
                ? int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new BenchException($"--server-pid takes a process id, not '{pid}'")
                : null,
        };

        if (values.Count > 0)
        {
            throw new BenchException($"unknown option --{values.Keys.First()}");
        }

        if (options.Duration <= TimeSpan.Zero)
        {
            throw new BenchException("--duration must be more than 0 seconds");
        }

        return options;
    }

    private static int[] ParseList(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var list = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out list[i]) || list[i] < 1)
            {
                throw new BenchException($"--concurrency takes positive integers separated by commas, not '{text}'");
            }
        }

        return list.Length > 0 ? list : throw new BenchException("--concurrency is empty");
    }

    private static TimeSpan Seconds(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new BenchException($"--{name} takes seconds (e.g. 2 or 0.5), not '{text}'");
}
