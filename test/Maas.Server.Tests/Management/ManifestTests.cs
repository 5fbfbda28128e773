using System.Net;
using Maas.Runtime.Onnx;
using Maas.Server.Tests.Infrastructure;
using Maas.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Maas.Server.Tests.Management;

/// <summary>maas.json is read once at push: unknown keys warn, bad onnx settings are refused, settings reach every session.</summary>
public sealed class ManifestTests
{
    [Fact]
    public async Task Push_UnknownMaasJsonKey_AcceptedWithWarningNamingIt()
    {
        using var folder = Copy("mlp-regression");
        File.WriteAllText(folder.Combine("maas.json"), """{"max_batch_size": 4, "colour": "blue"}""");
        await using var server = await MaasTestServer.StartAsync();

        using var push = await server.PushAsync("mlp", Archives.TarGz(folder.Path, includeBaseDirectory: false), "application/gzip");
        var pushed = await Json.ReadAsync(push);
        Assert.Equal(HttpStatusCode.Created, push.StatusCode);
        var warning = Assert.Single(pushed["warnings"]!.AsArray())!.GetValue<string>();
        Assert.Contains("'colour'", warning, StringComparison.Ordinal);

        using var get = await server.Client.GetAsync(new Uri("/api/models/mlp/versions/1", UriKind.Relative));
        var document = await Json.ReadAsync(get);
        Assert.Contains("'colour'", document["warnings"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_KnownKeysOnly_NoWarnings()
    {
        await using var server = await MaasTestServer.StartAsync();

        using var push = await server.PushAsync("mlp", Expected.MlpModel);

        Assert.Empty((await Json.ReadAsync(push))["warnings"]!.AsArray());
    }

    [Fact]
    public async Task CliPush_UnknownMaasJsonKey_PrintsWarning()
    {
        using var folder = Copy("mlp-regression");
        File.WriteAllText(folder.Combine("maas.json"), """{"instancez": 2}""");
        await using var server = await MaasTestServer.StartAsync();

        var push = await CliRunner.RunAsync(
            "push", folder.Path, "--name", "mlp", "--server", server.BaseAddress.ToString(), "--api-key", MaasTestServer.TestAdminKey);

        Assert.True(push.ExitCode == 0, push.Error);
        Assert.Contains("warning: maas.json: unknown key 'instancez'", push.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"onnx": {"graph_optimization_level": "fast"}}""", "onnx.graph_optimization_level")]
    [InlineData("""{"onnx": {"intra_op_threads": -1}}""", "onnx.intra_op_threads")]
    [InlineData("""{"onnx": 3}""", "'onnx'")]
    [InlineData("""{"max_batch_size": "eight"}""", "max_batch_size")]
    public async Task Push_BadMaasJsonValue_422NamingIt(string maasJson, string named)
    {
        using var folder = Copy("mlp-regression");
        File.WriteAllText(folder.Combine("maas.json"), maasJson);
        await using var server = await MaasTestServer.StartAsync();

        using var push = await server.PushAsync("mlp", Archives.TarGz(folder.Path, includeBaseDirectory: false), "application/gzip");
        var error = (await Json.ReadAsync(push))["error"]!.GetValue<string>();

        Assert.True(push.StatusCode == HttpStatusCode.UnprocessableEntity, $"{(int)push.StatusCode} {error}");
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnnxSettings_ReachTensorAndLlmSessions_WithPerModelOverridesAndLlmThreads()
    {
        var settings = new Dictionary<string, string>
        {
            ["Onnx:GraphOptimizationLevel"] = "basic",
            ["Onnx:IntraOpThreads"] = "2",
            ["Llm:IntraOpThreads"] = "1",
        };
        await using var server = await MaasTestServer.StartAsync(settings: settings);
        var sessions = server.Services.GetRequiredService<OnnxSessionFactory>();

        using (var mlp = await server.PushAsync("mlp", Expected.MlpModel))
        {
            Assert.Equal(HttpStatusCode.Created, mlp.StatusCode);
        }

        var tensor = Assert.Single(sessions.Created);
        Assert.Equal(("basic", 2, 1, false), (tensor.GraphOptimizationLevel, tensor.IntraOpThreads, tensor.InterOpThreads, tensor.AllowSpinning));

        using var llmFolder = CopyTree("gpt2-tiny");
        using (var llm = await server.PushAsync("gpt2", Archives.TarGz(llmFolder.Path, includeBaseDirectory: false), "application/gzip"))
        {
            Assert.Equal(HttpStatusCode.Created, llm.StatusCode);
            Assert.Equal("text-generation", (await Json.ReadAsync(llm))["task"]!.GetValue<string>());
        }

        // Maas:Onnx reaches the engine's session; its thread count is Maas:Llm's, not the tensor models' default.
        var decoder = sessions.Created.Last(s => s.ModelPath.EndsWith(Path.Combine("onnx", "model.onnx"), StringComparison.Ordinal));
        Assert.Equal(("basic", 1), (decoder.GraphOptimizationLevel, decoder.IntraOpThreads));

        File.WriteAllText(llmFolder.Combine("maas.json"), """{"onnx": {"graph_optimization_level": "extended", "intra_op_threads": 3, "inter_op_threads": 2}}""");
        using (var llm = await server.PushAsync("gpt2-tuned", Archives.TarGz(llmFolder.Path, includeBaseDirectory: false), "application/gzip"))
        {
            Assert.Equal(HttpStatusCode.Created, llm.StatusCode);
        }

        // The model's own onnx settings win over Maas:Onnx and Maas:Llm.
        var tuned = sessions.Created[^1];
        Assert.Equal(("extended", 3, 2), (tuned.GraphOptimizationLevel, tuned.IntraOpThreads, tuned.InterOpThreads));
    }

    private static TempDirectory Copy(string model)
    {
        var folder = new TempDirectory("maas-manifest");
        File.Copy(SharedModels.PathOf(model, "model.onnx"), folder.Combine("model.onnx"));
        return folder;
    }

    private static TempDirectory CopyTree(string model)
    {
        var folder = new TempDirectory("maas-manifest");
        var source = SharedModels.PathOf(model);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder.Path, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return folder;
    }
}
