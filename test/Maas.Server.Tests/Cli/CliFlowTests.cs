using System.Text.Json.Nodes;
using Maas.Server.Tests.Infrastructure;
using Maas.Testing;

namespace Maas.Server.Tests.Cli;

/// <summary>The user's journey with the real `maas` command against the real server.</summary>
public sealed class CliFlowTests
{
    [Fact]
    public async Task PushAndPredict_MlpFile_PrintsSignatureAndPyTorchAnswer()
    {
        await using var server = await MaasTestServer.StartAsync();
        var url = server.BaseAddress.ToString();

        var push = await CliRunner.RunAsync("push", SharedModels.PathOf("mlp-regression", "model.onnx"), "--name", "mlp", "--server", url, "--api-key", MaasTestServer.TestAdminKey);
        Assert.True(push.ExitCode == 0, push.Error);
        Assert.Contains("mlp:1", push.Out, StringComparison.Ordinal);
        Assert.Contains("FP32", push.Out, StringComparison.Ordinal);
        Assert.Contains("[-1, 10]", push.Out.Replace("[-1,10]", "[-1, 10]", StringComparison.Ordinal), StringComparison.Ordinal);

        var expected = Expected.Load("mlp-regression");
        var row = expected["inputs"]!["x"]![0]!.ToJsonString();
        var predict = await CliRunner.RunAsync("predict", "mlp", "--json", $"[{row}]", "--server", url, "--api-key", MaasTestServer.TestAdminKey);
        Assert.True(predict.ExitCode == 0, predict.Error);
        var printed = JsonNode.Parse(predict.Out)!;
        var predictions = printed is JsonArray array ? array : printed["predictions"]!.AsArray();
        var value = predictions[0]![0]!.GetValue<double>();
        Assert.True(Math.Abs(value - expected["outputs"]!["y"]![0]![0]!.GetValue<double>()) <= 1e-4, predict.Out);

        var models = await CliRunner.RunAsync("models", "--server", url, "--api-key", MaasTestServer.TestAdminKey);
        Assert.Contains("mlp", models.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_Folder_PacksItAndServerFindsTheModel()
    {
        await using var server = await MaasTestServer.StartAsync();
        var url = server.BaseAddress.ToString();
        var push = await CliRunner.RunAsync("push", SharedModels.PathOf("cnn-cifar10"), "--name", "cifar", "--alias", "prod", "--server", url, "--api-key", MaasTestServer.TestAdminKey);
        Assert.True(push.ExitCode == 0, push.Error);
        Assert.Contains("pixel_values", push.Out, StringComparison.Ordinal);

        var show = await CliRunner.RunAsync("show", "cifar@prod", "--json", "--server", url, "--api-key", MaasTestServer.TestAdminKey);
        Assert.True(show.ExitCode == 0, show.Error);
        var document = JsonNode.Parse(show.Out)!;
        Assert.Equal("tar.gz", document["format"]!.GetValue<string>());
        Assert.Equal(1, document["version"]!.GetValue<int>());

        var removed = await CliRunner.RunAsync("rm", "cifar", "--server", url, "--api-key", MaasTestServer.TestAdminKey);
        Assert.True(removed.ExitCode == 0, removed.Error);
        var missing = await CliRunner.RunAsync("show", "cifar", "--server", url, "--api-key", MaasTestServer.TestAdminKey);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_ServerRejection_ExitsNonZeroWithOneLine()
    {
        await using var server = await MaasTestServer.StartAsync();
        var url = server.BaseAddress.ToString();
        (await server.PushAsync("mlp", Expected.MlpModel)).Dispose();
        var run = await CliRunner.RunAsync("predict", "mlp", "--json", "[[1,2,3]]", "--server", url, "--api-key", MaasTestServer.TestAdminKey);
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("expects [10] per instance", line, StringComparison.Ordinal);
    }
}
