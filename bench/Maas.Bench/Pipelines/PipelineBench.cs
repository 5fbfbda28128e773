using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Maas.Bench.Pipelines;

/// <summary>
/// <c>maas-bench pipelines</c>: texts per second for a text-classification model through a running server's
/// <c>:predict</c> against the same tokenizer + ONNX Runtime in-process, at several batch sizes and concurrencies,
/// after checking both reproduce expected.json. Writes the section between the pipelines markers of BENCHMARKS.md.
/// </summary>
internal static class PipelineBench
{
    private const string Begin = "<!-- pipelines:begin -->";
    private const string End = "<!-- pipelines:end -->";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Parse(args);
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(options["folder"], "expected.json")))!["classification"]!.AsArray();
        var texts = expected.Select(c => c!["text"]!.GetValue<string>()).ToArray();
        var want = expected.Select(c => c!["scores"]![1]!.GetValue<double>()).ToArray();
        using var local = new InProcessClassifier(options["folder"]);
        using var http = (new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(options["server"]) }).WithKey();
        var url = $"/v1/models/{options["model"]}:predict";

        Check("in-process", local.Classify(texts).Select(v => (double)v).ToArray(), want);
        Check("server", await PredictAsync(http, url, texts), want);

        var duration = TimeSpan.FromSeconds(double.Parse(options["duration"], CultureInfo.InvariantCulture));
        var rows = new List<string>();
        foreach (var batch in options["batch"].Split(',').Select(int.Parse))
        {
            foreach (var concurrency in options["concurrency"].Split(',').Select(int.Parse))
            {
                var calls = Enumerable.Range(0, 64).Select(k => Enumerable.Range(0, batch).Select(j => texts[(k + j) % texts.Length]).ToArray()).ToArray();
                var inProcess = await MeasureAsync(concurrency, duration, batch, (k, _) => { local.Classify(calls[k % calls.Length]); return Task.CompletedTask; });
                var server = await MeasureAsync(concurrency, duration, batch, (k, ct) => PredictAsync(http, url, calls[k % calls.Length]));
                var ratio = server / inProcess;
                Console.WriteLine($"[pipelines] batch {batch,3} c {concurrency,2}: in-process {inProcess,9:F0} texts/s, maas {server,9:F0} texts/s, ratio {ratio:F3}");
                rows.Add(string.Create(CultureInfo.InvariantCulture, $"| {batch} | {concurrency} | {inProcess:F0} | {server:F0} | {ratio:F2} |"));
            }
        }

        if (options.TryGetValue("markdown", out var markdown))
        {
            Write(markdown, options.GetValueOrDefault("command", "bench/pipelines.sh"), rows, duration, load);
        }

        return 0;
    }

    private static async Task<double[]> PredictAsync(HttpClient http, string url, string[] texts)
    {
        using var response = await http.PostAsJsonAsync(url, new { instances = texts });
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["predictions"]!.AsArray().Select(p => p!["scores"]!["POSITIVE"]!.GetValue<double>()).ToArray();
    }

    private static void Check(string side, double[] got, double[] want)
    {
        for (var i = 0; i < want.Length; i++)
        {
            if (Math.Abs(got[i] - want[i]) > 1e-4)
            {
                throw new BenchException($"{side}: text {i} scores {got[i]}, expected.json says {want[i]}");
            }
        }
    }

    /// <summary>Texts per second with <paramref name="concurrency"/> workers calling in a loop (0.5 s warm-up first).</summary>
    private static async Task<double> MeasureAsync(int concurrency, TimeSpan duration, int batch, Func<int, CancellationToken, Task> call)
    {
        using var warm = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            for (var k = w; !warm.IsCancellationRequested; k += concurrency)
            {
                await call(k, warm.Token);
            }
        })));

        long completed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            for (var k = w; clock.Elapsed < duration; k += concurrency)
            {
                await call(k, CancellationToken.None);
                Interlocked.Add(ref completed, batch);
            }
        })));
        return completed / clock.Elapsed.TotalSeconds;
    }

    private static void Write(string markdown, string command, List<string> rows, TimeSpan duration, string load)
    {
        var b = new StringBuilder();
        b.Append(Begin).Append('\n');
        b.Append("## Pipelines: bert-tiny-sentiment texts/s, `:predict` vs tokenizer + ORT in-process\n\n");
        b.Append(CultureInfo.InvariantCulture, $"`{command}` on {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, {duration.TotalSeconds:F0} s per point, load average {load} at the start (the machine is shared, so treat ratios as indicative). ");
        b.Append("Both sides use the repository's tokenizer.json loader and ONNX Runtime with one intra-op thread and pad each batch to its ");
        b.Append("longest text; both reproduce expected.json to 1e-4 before measuring. The server side is `maas serve` as its own process, ");
        b.Append("JSON over HTTP/1.1 keep-alive, with dynamic batching on; the in-process side calls one shared session from c threads.\n\n");
        b.Append("| texts per call | concurrency | in-process texts/s | maas texts/s | ratio |\n| ---: | ---: | ---: | ---: | ---: |\n");
        foreach (var row in rows)
        {
            b.Append(row).Append('\n');
        }

        b.Append(End);
        BenchmarksFile.ReplaceSection(markdown, Begin, End, b.ToString());
    }

    private static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["model"] = "sentiment",
            ["duration"] = "5",
            ["batch"] = "1,32",
            ["concurrency"] = "1,8",
        };
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        foreach (var required in new[] { "server", "folder" })
        {
            if (!options.ContainsKey(required))
            {
                throw new BenchException($"pipelines needs --{required}");
            }
        }

        return options;
    }
}
