using System.Globalization;

namespace Maas.Bench.Llm;

/// <summary>Options of <c>maas-bench llm</c>.</summary>
internal sealed record LlmBenchOptions
{
    public required Uri Server { get; init; }

    public required string Folder { get; init; }

    public string Model { get; init; } = "gpt2";

    public IReadOnlyList<int> Concurrency { get; init; } = [1, 4, 16];

    public int MaxTokens { get; init; } = 100;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>How long the one-stream comparison alternates single runs of the raw loop, the engine and the server.</summary>
    public TimeSpan Paired { get; init; } = TimeSpan.FromSeconds(12);

    public string? MarkdownPath { get; init; }

    public string Command { get; init; } = "bench/llm.sh";

    public string Machine { get; init; } = "";

    public static LlmBenchOptions Parse(ReadOnlySpan<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        string? Get(string name) => values.Remove(name, out var value) ? value : null;
        double Seconds(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

        var options = new LlmBenchOptions
        {
            Server = new Uri(Get("server") ?? throw new BenchException("--server is required")),
            Folder = Get("folder") ?? throw new BenchException("--folder is required"),
        };
        options = options with
        {
            Model = Get("model") ?? options.Model,
            Concurrency = Get("concurrency") is { } c ? [.. c.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture))] : options.Concurrency,
            MaxTokens = Get("max-tokens") is { } m ? int.Parse(m, CultureInfo.InvariantCulture) : options.MaxTokens,
            Warmup = Get("warmup") is { } w ? TimeSpan.FromSeconds(Seconds(w)) : options.Warmup,
            Duration = Get("duration") is { } d ? TimeSpan.FromSeconds(Seconds(d)) : options.Duration,
            Paired = Get("paired") is { } pd ? TimeSpan.FromSeconds(Seconds(pd)) : options.Paired,
            MarkdownPath = Get("markdown"),
            Command = Get("command") ?? options.Command,
            Machine = Get("machine") ?? options.Machine,
        };
        return values.Count == 0 ? options : throw new BenchException($"unknown option --{values.Keys.First()}");
    }
}
