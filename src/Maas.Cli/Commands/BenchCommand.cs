using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Maas.Cli.Bench;
using Maas.Cli.Rendering;
using Spectre.Console;

namespace Maas.Cli.Commands;

/// <summary>
/// <c>maas bench REF</c>: a load generator in the spirit of Triton's perf_analyzer. Sweeps concurrency levels (or holds a
/// request rate), warms up, measures windows until the throughput is stable, and reports throughput, latency
/// percentiles and errors as a table and optionally as JSON and CSV.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliIo io)
    {
        var reference = new Argument<string>("REF") { Description = "NAME, NAME:VERSION or NAME@ALIAS" };
        var protocol = new Option<string>("--protocol") { Description = "v2 (KServe infer), predict (:predict) or openai (chat completions)", DefaultValueFactory = _ => "v2", HelpName = "v2|predict|openai" };
        protocol.AcceptOnlyFromAmong("v2", "predict", "openai");
        var concurrency = new Option<string?>("--concurrency", "-c") { Description = "Requests in flight, one level or a comma-separated sweep (default 1,8,32,64)", HelpName = "LIST" };
        var rate = new Option<double?>("--rate") { Description = "Open loop instead: requests started per second", HelpName = "R" };
        var duration = new Option<string>("--duration") { Description = "Length of one measurement window", DefaultValueFactory = _ => "5s", HelpName = "TIME" };
        var warmup = new Option<string>("--warmup") { Description = "Warm-up before the first window of each level", DefaultValueFactory = _ => "2s", HelpName = "TIME" };
        var maxWindows = new Option<int>("--max-windows") { Description = "Windows to try per level before reporting it unstable (3 stable windows are reported)", DefaultValueFactory = _ => 6, HelpName = "N" };
        var input = new Option<string?>("--input") { Description = "JSON file with the request body, or an array of bodies sent in turn (default: random data from the model's signature)", HelpName = "FILE" };
        var batch = new Option<int>("--batch") { Description = "Rows per request for random inputs", DefaultValueFactory = _ => 1, HelpName = "N" };
        var shape = new Option<string[]>("--shape") { Description = "Dimensions after the batch for a dynamic input, e.g. input_ids=16 (repeatable)", HelpName = "NAME=D1,D2", AllowMultipleArgumentsPerToken = false };
        var json = new Option<string?>("--json") { Description = "Write the results as JSON to this file", HelpName = "FILE" };
        var csv = new Option<string?>("--csv") { Description = "Write the results as CSV to this file", HelpName = "FILE" };

        var command = new Command("bench", "Measure throughput and latency of a model under load (like perf_analyzer)")
        {
            reference, protocol, concurrency, rate, duration, warmup, maxWindows, input, batch, shape, json, csv,
        };
        command.Validators.Add(result => Validate(result, concurrency, rate, duration, warmup, maxWindows, batch, shape));
        command.SetGuardedAction(io, async (parseResult, cancellationToken) =>
        {
            var plan = new BenchPlan
            {
                Protocol = parseResult.GetRequiredValue(protocol) switch { "predict" => BenchProtocol.Predict, "openai" => BenchProtocol.OpenAi, _ => BenchProtocol.V2 },
                Concurrency = ParseLevels(parseResult.GetValue(concurrency) ?? "1,8,32,64")!,
                Rate = parseResult.GetValue(rate),
                Window = ParseDuration(parseResult.GetRequiredValue(duration)),
                Warmup = ParseDuration(parseResult.GetRequiredValue(warmup)),
                MaxWindows = parseResult.GetValue(maxWindows),
                Batch = parseResult.GetValue(batch),
            };
            var shapes = (parseResult.GetValue(shape) ?? []).Select(ParseShape).ToDictionary(s => s.Name, s => s.Dims, StringComparer.Ordinal);
            var runner = new BenchRun(ClientOptions.ServerAddress(parseResult), ClientOptions.ApiKeyValue(parseResult), parseResult.GetRequiredValue(reference), plan);
            var requests = await runner.PrepareAsync(parseResult.GetValue(input), shapes, cancellationToken).ConfigureAwait(false);
            io.Error.WriteLine($"bench: POST /{requests.Path}, {requests.Source}");
            var levels = await runner.RunAsync(requests, level => io.Error.WriteLine(Describe(level)), cancellationToken).ConfigureAwait(false);

            io.Out.Write(Table(levels, plan.Batch));
            if (parseResult.GetValue(json) is { } jsonFile)
            {
                await File.WriteAllTextAsync(jsonFile, BenchOutput.Json(runner.Server.ToString(), runner.Reference, plan.Protocol, requests, plan, levels), cancellationToken).ConfigureAwait(false);
            }

            if (parseResult.GetValue(csv) is { } csvFile)
            {
                await File.WriteAllTextAsync(csvFile, BenchOutput.Csv(levels), cancellationToken).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    private static void Validate(
        CommandResult result, Option<string?> concurrency, Option<double?> rate, Option<string> duration, Option<string> warmup,
        Option<int> maxWindows, Option<int> batch, Option<string[]> shape)
    {
        if (result.GetValue(concurrency) is { } levels && ParseLevels(levels) is null)
        {
            result.AddError($"--concurrency takes positive integers separated by commas, not '{levels}'");
        }

        if (result.GetResult(concurrency) is not null && result.GetResult(rate) is not null)
        {
            result.AddError("give either --concurrency or --rate, not both");
        }

        if (result.GetValue(rate) is { } r && !(r > 0 && r <= 1_000_000))
        {
            result.AddError($"--rate takes requests per second between 0 and 1000000, not {r.ToString(CultureInfo.InvariantCulture)}");
        }

        // Only what was typed is checked: a validator sees no default values, and the defaults are valid.
        foreach (var option in new[] { duration, warmup }.Where(o => result.GetResult(o) is { Implicit: false }))
        {
            var text = result.GetValue(option) ?? "";
            if (!DurationOption.TryParse(text, out var value) || (option == duration && value <= TimeSpan.Zero))
            {
                result.AddError($"{option.Name} takes a duration such as 10s, 500ms or 1m, not '{text}'");
            }
        }

        if (result.GetResult(maxWindows) is { Implicit: false } && result.GetValue(maxWindows) < 3)
        {
            result.AddError("--max-windows must be at least 3 (stability is judged over 3 windows)");
        }

        if (result.GetResult(batch) is { Implicit: false } && result.GetValue(batch) is < 1 or > 1_000_000)
        {
            result.AddError("--batch must be a positive number of rows");
        }

        foreach (var text in result.GetValue(shape) ?? [])
        {
            if (TryParseShape(text) is null)
            {
                result.AddError($"--shape takes NAME=D1,D2 with positive dimensions, not '{text}'");
            }
        }
    }

    private static int[]? ParseLevels(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var levels = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out levels[i]) || levels[i] is < 1 or > 100_000)
            {
                return null;
            }
        }

        return levels.Length > 0 ? levels : null;
    }

    private static TimeSpan ParseDuration(string text) => DurationOption.TryParse(text, out var value) ? value : TimeSpan.Zero;

    private static (string Name, long[] Dims) ParseShape(string text) => TryParseShape(text)!.Value;

    private static (string Name, long[] Dims)? TryParseShape(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            return null;
        }

        var dims = new List<long>();
        foreach (var part in text[(equals + 1)..].Split(',', StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var d) || d < 1)
            {
                return null;
            }

            dims.Add(d);
        }

        return (text[..equals], dims.ToArray());
    }

    private static string Describe(LevelResult r) => string.Create(
        CultureInfo.InvariantCulture,
        $"bench: {r.Mode} {r.Load}: {r.Throughput:0.0} req/s, p50 {r.P50Ms:0.###} ms, p99 {r.P99Ms:0.###} ms, {r.Errors} errors, {(r.Stable ? "stable" : "NOT stable")} over the last {r.Windows} windows");

    private static Table Table(IReadOnlyList<LevelResult> levels, int batch)
    {
        // Short headings, and inferences per second only when it differs from requests per second: the table must
        // fit an 80-column terminal without Spectre wrapping or truncating cells.
        var table = new Table().Border(TableBorder.Simple).Caption("latency percentiles in ms, end to end as the client saw them");
        var first = levels.Count > 0 && levels[0].Mode == "rate" ? "rate" : "clients";
        string[] headings = batch > 1
            ? [first, "req/s", "infer/s", "p50", "p90", "p95", "p99", "errors", "stable"]
            : [first, "req/s", "p50", "p90", "p95", "p99", "errors", "stable"];
        foreach (var heading in headings)
        {
            table.AddColumn(new TableColumn(heading).RightAligned().NoWrap());
        }

        foreach (var r in levels)
        {
            var cells = new List<string> { F(r.Load, "0.##"), F(r.Throughput, "0.0") };
            if (batch > 1)
            {
                cells.Add(F(r.InferencesPerSecond, "0.0"));
            }

            cells.AddRange([Ms(r.P50Ms), Ms(r.P90Ms), Ms(r.P95Ms), Ms(r.P99Ms), r.Errors.ToString(CultureInfo.InvariantCulture), r.Stable ? "yes" : "no"]);
            table.AddTextRow([.. cells]);
        }

        return table;
    }

    private static string Ms(double value) => F(value, value >= 10 ? "0.0" : "0.###");

    private static string F(double value, string format) => double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);
}
