using System.Globalization;
using System.Text.Json.Nodes;
using Maas.Cli;
using Maas.Cli.Bench;
using Maas.Server.Tests.Infrastructure;
using Maas.Testing;
using Spectre.Console;

namespace Maas.Server.Tests.Cli;

/// <summary>`maas bench` against the real server, with short windows: what it prints, writes and counts.</summary>
public sealed class BenchCommandTests
{
    private static readonly string[] Quick = ["--duration", "300ms", "--warmup", "100ms", "--max-windows", "3"];

    [Fact]
    public async Task Bench_ConcurrencySweep_PrintsTableRowPerLevelWithoutErrors()
    {
        await using var server = await StartWithMlpAsync();
        var run = await RunAsync(["bench", "mlp", "--concurrency", "1,3", .. Quick, "--server", server.BaseAddress.ToString(), "--api-key", server.AdminKey]);

        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("clients", StringComparison.Ordinal) && l.Contains("p99", StringComparison.Ordinal));
        var rows = lines.Where(l => l.Length > 0 && char.IsDigit(l[0])).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(["1", "3"], rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.True(double.Parse(r[1], CultureInfo.InvariantCulture) > 0, string.Join(' ', r)));
        Assert.All(rows, r => Assert.Equal("0", r[6]));
    }

    [Fact]
    public async Task Bench_JsonAndCsvOptions_WriteEveryLevelWithItsFields()
    {
        await using var server = await StartWithMlpAsync();
        using var folder = new TempDirectory("bench-out");
        var json = Path.Combine(folder.Path, "out.json");
        var csv = Path.Combine(folder.Path, "out.csv");
        var run = await RunAsync(["bench", "mlp", "--protocol", "predict", "--batch", "4", "-c", "2", .. Quick, "--json", json, "--csv", csv, "--server", server.BaseAddress.ToString(), "--api-key", server.AdminKey]);

        Assert.True(run.ExitCode == 0, run.Error);
        var document = JsonNode.Parse(await File.ReadAllTextAsync(json))!;
        Assert.Equal("predict", document["protocol"]!.GetValue<string>());
        Assert.Equal("/v1/models/mlp:predict", document["route"]!.GetValue<string>());
        var level = Assert.Single(document["levels"]!.AsArray())!;
        Assert.Equal(2, level["concurrency"]!.GetValue<double>());
        Assert.Equal(0, level["errors"]!.GetValue<long>());
        var rps = level["throughput_rps"]!.GetValue<double>();
        Assert.True(rps > 0);
        Assert.Equal(rps * 4, level["inferences_per_s"]!.GetValue<double>(), 0.5);
        foreach (var field in new[] { "p50_ms", "p90_ms", "p95_ms", "p99_ms" })
        {
            Assert.True(level[field]!.GetValue<double>() > 0, field);
        }

        Assert.True(level["p99_ms"]!.GetValue<double>() >= level["p50_ms"]!.GetValue<double>());
        var csvLines = (await File.ReadAllLinesAsync(csv)).Where(l => l.Length > 0).ToArray();
        Assert.Equal(BenchOutput.CsvHeader, csvLines[0]);
        var cells = Assert.Single(csvLines[1..]).Split(',');
        Assert.Equal(BenchOutput.CsvHeader.Split(',').Length, cells.Length);
        Assert.Equal(["concurrency", "2"], cells[..2]);
    }

    [Fact]
    public async Task Bench_ServerAnswers400_CountsErrorsByStatus()
    {
        await using var server = await StartWithMlpAsync();
        using var folder = new TempDirectory("bench-in");
        var input = Path.Combine(folder.Path, "bad.json");
        await File.WriteAllTextAsync(input, """{"inputs": [{"name": "x", "shape": [1, 3], "datatype": "FP32", "data": [1, 2, 3]}]}""");
        var json = Path.Combine(folder.Path, "out.json");
        // Longer windows than Quick: on a busy machine a 150 ms window can close before the first answer comes back.
        string[] steady = ["--duration", "1s", "--warmup", "200ms", "--max-windows", "3"];
        var run = await RunAsync(["bench", "mlp", "--input", input, "-c", "2", .. steady, "--json", json, "--server", server.BaseAddress.ToString(), "--api-key", server.AdminKey]);

        Assert.True(run.ExitCode == 0, run.Error);
        var level = JsonNode.Parse(await File.ReadAllTextAsync(json))!["levels"]![0]!;
        Assert.Equal(0, level["requests"]!.GetValue<long>());
        var errors = level["errors"]!.GetValue<long>();
        Assert.True(errors > 0);
        Assert.Equal(errors, level["errors_by_status"]!["400"]!.GetValue<long>());
    }

    [Fact]
    public async Task Bench_RateMultiInputModel_SendsRandomTensorsTheServerAccepts()
    {
        await using var server = await MaasTestServer.StartAsync();
        using var folder = new TempDirectory("bench-rate");
        var modelFile = SharedModels.PathOf("bert-tiny-sentiment", "model.onnx");
        (await server.PushAsync("bert", await File.ReadAllBytesAsync(modelFile))).Dispose();
        var json = Path.Combine(folder.Path, "out.json");
        var run = await RunAsync(["bench", "bert", "--rate", "100", "--shape", "input_ids=6", "--shape", "attention_mask=6", "--shape", "token_type_ids=6", .. Quick, "--json", json, "--server", server.BaseAddress.ToString(), "--api-key", server.AdminKey]);

        Assert.True(run.ExitCode == 0, run.Error);
        var level = JsonNode.Parse(await File.ReadAllTextAsync(json))!["levels"]![0]!;
        Assert.Equal("rate", level["mode"]!.GetValue<string>());
        Assert.True(level["errors"]!.GetValue<long>() == 0, level.ToJsonString());
        Assert.True(level["requests"]!.GetValue<long>() > 0);
    }

    [Theory]
    [InlineData("--concurrency", "0")]
    [InlineData("--concurrency", "1,x")]
    [InlineData("--duration", "soon")]
    [InlineData("--protocol", "grpc")]
    [InlineData("--max-windows", "2")]
    [InlineData("--shape", "input_ids")]
    [InlineData("--rate", "-5")]
    public async Task Bench_BadFlag_ExitsWithUsageError(string flag, string value)
    {
        var run = await RunAsync(["bench", "mlp", flag, value, "--server", "http://127.0.0.1:9"]);
        Assert.Equal(CliApp.UsageError, run.ExitCode);
        Assert.Contains(flag == "--protocol" ? value : flag, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_ConcurrencyAndRateTogether_ExitsWithUsageError()
    {
        var run = await RunAsync(["bench", "mlp", "-c", "4", "--rate", "10", "--server", "http://127.0.0.1:9"]);
        Assert.Equal(CliApp.UsageError, run.ExitCode);
    }

    private static async Task<MaasTestServer> StartWithMlpAsync()
    {
        var server = await MaasTestServer.StartAsync();
        (await server.PushAsync("mlp", Expected.MlpModel)).Dispose();
        return server;
    }

    private static Task<(int ExitCode, string Out, string Error)> RunAsync(string[] args) => CliRunner.RunAsync(args);
}
