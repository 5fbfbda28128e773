using System.Text.Json.Nodes;
using Maas.Cli.Tests.Fakes;
using Maas.Testing;
using Xunit;

namespace Maas.Cli.Tests.Commands;

public sealed class CliAppTests(FakeMaasServer server) : IClassFixture<FakeMaasServer>
{
    private string Server => server.Address.ToString();

    [Fact]
    public async Task Push_MissingFile_ExitsOneWithOneErrorLine()
    {
        using var temp = new TempDirectory();
        var missing = temp.Combine("nope.onnx");

        var run = await CliHarness.RunAsync("push", missing, "--name", "mlp", "--server", Server);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([$"error: no such file or folder: {missing}"], run.ErrorLines);
        Assert.False(server.Uploads.ContainsKey("mlp"));
    }

    [Fact]
    public async Task Models_UnreachableServer_ExitsOneWithCannotReach()
    {
        var address = ClosedPort.Address();

        var run = await CliHarness.RunAsync("models", "--server", address.ToString());

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: cannot reach the server at http://127.0.0.1:", line, StringComparison.Ordinal);
        Assert.Contains("maas serve", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_InvalidJson_ExitsOneNamingTheProblem()
    {
        var run = await CliHarness.RunAsync("predict", "mlp", "--json", "[[1, 2", "--server", Server);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: --json is not valid JSON", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_JsonObjectInsteadOfArray_ExitsOneAskingForAnArray()
    {
        var run = await CliHarness.RunAsync("predict", "mlp", "--json", """{"x": [1]}""", "--server", Server);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("must be a JSON array of instances", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("predict", "mlp")]
    [InlineData("predict", "mlp", "--text", "hi", "--json", "[1]")]
    public async Task Predict_NotExactlyOneInput_IsUsageError(params string[] args)
    {
        var run = await CliHarness.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: predict needs exactly one of --json, --text or --image", run.ErrorLines);
    }

    [Fact]
    public async Task UnknownCommand_ExitsWithUsageError()
    {
        var run = await CliHarness.RunAsync("frobnicate");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(run.ErrorLines, line => line.StartsWith("error: ", StringComparison.Ordinal) && line.Contains("frobnicate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Push_WithoutName_IsUsageError()
    {
        var run = await CliHarness.RunAsync("push", SharedModels.PathOf("mlp-regression", "model.onnx"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(run.ErrorLines, line => line.Contains("--name", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Push_OnnxFile_PrintsVersionShaAndSignature()
    {
        var file = SharedModels.PathOf("mlp-regression", "model.onnx");

        var run = await CliHarness.RunAsync("push", file, "--name", "cli-push", "--alias", "prod", "--server", Server);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        var upload = server.Uploads["cli-push"];
        Assert.Equal("prod", upload.Alias);
        Assert.Equal(new FileInfo(file).Length, upload.Body.Length);
        Assert.Matches(@"^pushed cli-push:1 \(sha256 [0-9a-f]{12}, [0-9.]+ (B|KiB)\)", run.Out);
        Assert.Contains("FP32", run.Out, StringComparison.Ordinal);
        Assert.Contains("[-1, 10]", run.Out, StringComparison.Ordinal);
        Assert.Contains("state: ready", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_VersionFailsToLoad_ExitsOneAfterShowingIt()
    {
        var run = await CliHarness.RunAsync("push", SharedModels.PathOf("mlp-regression", "model.onnx"), "-n", "unloadable", "-s", Server);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("state: failed", run.Out, StringComparison.Ordinal);
        Assert.Equal(["error: unloadable:1 failed to load: bad graph"], run.ErrorLines);
    }

    [Fact]
    public async Task Models_OneModel_TableShowsAliasesAndLatestState()
    {
        var run = await CliHarness.RunAsync("models", "--server", Server);

        Assert.Equal(0, run.ExitCode);
        var row = Assert.Single(run.Out.Split('\n'), line => line.Contains("mlp", StringComparison.Ordinal));
        Assert.Contains("latest→2, prod→1", row, StringComparison.Ordinal);
        Assert.Contains("loading", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_Json_PrintsVersionDocumentWithServerFieldNames()
    {
        var run = await CliHarness.RunAsync("show", "mlp@prod", "--json", "--server", Server);

        Assert.Equal(0, run.ExitCode);
        var document = JsonNode.Parse(run.Out)!;
        Assert.Equal(1, document["version"]!.GetValue<int>());
        Assert.Equal("model.onnx", document["model_file"]!.GetValue<string>());
        Assert.Equal(-1, document["inputs"]![0]!["shape"]![0]!.GetValue<int>());
    }

    [Fact]
    public async Task Show_UnknownModel_ExitsOneWithServerMessage()
    {
        var run = await CliHarness.RunAsync("show", "ghost:1", "--server", Server);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["error: model 'ghost' has no version 1"], run.ErrorLines);
    }

    [Fact]
    public async Task Predict_JsonInstances_PrintsPredictionsAsJson()
    {
        var run = await CliHarness.RunAsync("predict", "mlp:2", "--json", "[[0.25, 4]]", "--server", Server);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("[[0.25,4]]", JsonNode.Parse(run.Out)!.ToJsonString());
        Assert.Contains(server.Predictions, p => p.Reference == "mlp:2:predict");
    }

    [Fact]
    public async Task Predict_Image_SendsFileAsBase64Instance()
    {
        var image = Directory.EnumerateFiles(SharedModels.PathOf("cnn-cifar10", "images")).Order(StringComparer.Ordinal).First();

        var run = await CliHarness.RunAsync("predict", "cnn", "--image", image, "--server", Server);

        Assert.Equal(0, run.ExitCode);
        var sent = JsonNode.Parse(run.Out)!.AsArray();
        Assert.Equal(Convert.ToBase64String(File.ReadAllBytes(image)), sent[0]!["b64"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rm_Alias_RefusedWithoutCallingServer()
    {
        var run = await CliHarness.RunAsync("rm", "mlp@prod", "--server", ClosedPort.Address().ToString());

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not an alias", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rm_AliasedVersionWithForce_Removes()
    {
        var refused = await CliHarness.RunAsync("rm", "mlp:1", "--server", Server);
        var forced = await CliHarness.RunAsync("rm", "mlp:1", "--force", "--server", Server);

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("removed mlp:1", forced.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsAssemblyInformationalVersion()
    {
        var run = await CliHarness.RunAsync("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(CliApp.Version, run.Out.Trim());
    }
}
