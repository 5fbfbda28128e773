using System.Globalization;

namespace Maas.Bench.Compare;

/// <summary>One HTTP server of the comparison: where it listens, the route per model, and its process for CPU accounting.</summary>
internal sealed record ServerTarget(string Key, string Label, string Description, Uri Url, int? Pid, Func<string, string> PathFor, string? Bearer)
{
    /// <summary>Triton's statistics route for the model this target serves, when the server has one (Maas).</summary>
    public Func<string, string>? StatsPathFor { get; init; }
}

/// <summary>Command-line options of <c>maas-bench compare</c> (bench/compare.sh passes them).</summary>
internal sealed record CompareOptions(
    string ModelsDirectory,
    IReadOnlyList<string> Models,
    IReadOnlyList<ServerTarget> Servers,
    IReadOnlyList<int> Concurrency,
    TimeSpan Warmup,
    TimeSpan Window,
    int MaxWindows,
    int MaxBatchSize,
    int Instances,
    string Wrk,
    string WrkScript,
    string WorkDirectory,
    string? ResultsDirectory,
    string? MarkdownPath,
    string Command)
{
    public static CompareOptions Parse(ReadOnlySpan<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new BenchException($"expected '--name value', got '{args[i]}'");
            }

            values[args[i][2..]] = args[++i];
        }

        string? Take(string name) => values.Remove(name, out var value) ? value : null;
        string Required(string name) => Take(name) ?? throw new BenchException($"--{name} is required");
        int? Pid(string name) => Take(name + "-pid") is { } pid ? Int(name + "-pid", pid) : null;
        var bearer = Take("api-key") ?? Environment.GetEnvironmentVariable("MAAS_API_KEY");
        bearer = string.IsNullOrWhiteSpace(bearer) ? null : bearer;

        var servers = new List<ServerTarget>();
        if (Take("maas") is { } maas)
        {
            var pid = Pid("maas");
            servers.Add(new ServerTarget("maas-nobatch", "Maas, batching off", "`maas serve`, model loaded with `{\"parameters\": {\"max_batch_size\": 1}}`, V2 JSON infer", new Uri(maas), pid, m => $"/v2/models/{m}-nobatch/infer", bearer)
            {
                StatsPathFor = m => $"/v2/models/{m}-nobatch/stats",
            });
            servers.Add(new ServerTarget("maas-batch", "Maas, dynamic batching", "`maas serve` with its default batching (max_batch_size 64, max_queue_delay 0, 1 instance), V2 JSON infer", new Uri(maas), pid, m => $"/v2/models/{m}/infer", bearer)
            {
                StatsPathFor = m => $"/v2/models/{m}/stats",
            });
        }

        if (Take("flask") is { } flask)
        {
            servers.Add(new ServerTarget("flask", "Flask + PyTorch", "the seed's server: Flask `app.run()` (threaded dev server), PyTorch 1 thread, one process", new Uri(flask), Pid("flask"), m => $"/v2/models/{m}/infer", null));
        }

        if (Take("fastapi") is { } fastapi)
        {
            servers.Add(new ServerTarget("fastapi", "FastAPI + uvicorn + PyTorch", "uvicorn, one worker process per core, async endpoint running PyTorch (1 thread) inline", new Uri(fastapi), Pid("fastapi"), m => $"/v2/models/{m}/infer", null));
        }

        if (Take("node") is { } node)
        {
            servers.Add(new ServerTarget("node", "Node http + onnxruntime-node", "Node.js `http`, one process per core (cluster), onnxruntime-node with 1 intra-op thread", new Uri(node), Pid("node"), m => $"/v2/models/{m}/infer", null));
        }

        var options = new CompareOptions(
            Required("models-dir"),
            (Take("models") ?? "mlp-regression,bert-tiny-sentiment").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            servers,
            [.. (Take("concurrency") ?? "1,8,32,64").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => Int("concurrency", c))],
            TimeSpan.FromSeconds(Seconds("warmup", Take("warmup") ?? "2")),
            TimeSpan.FromSeconds(Seconds("window", Take("window") ?? "4")),
            Int("max-windows", Take("max-windows") ?? "4"),
            Int("max-batch-size", Take("max-batch-size") ?? "64"),
            Int("instances", Take("instances") ?? "1"),
            Take("wrk") ?? "wrk",
            Required("wrk-script"),
            Required("work-dir"),
            Take("results-dir"),
            Take("markdown"),
            Take("command") ?? "bench/compare.sh");
        if (values.Count > 0)
        {
            throw new BenchException($"unknown option --{values.Keys.First()}");
        }

        return options.MaxWindows >= 3 ? options : throw new BenchException("--max-windows must be at least 3");
    }

    private static int Int(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value : throw new BenchException($"--{name} takes a positive integer, not '{text}'");

    private static double Seconds(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value : throw new BenchException($"--{name} takes seconds, not '{text}'");
}
