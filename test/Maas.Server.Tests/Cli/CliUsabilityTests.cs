using System.Globalization;
using System.Text.Json.Nodes;
using Maas.Cli;
using Maas.Server.Tests.Infrastructure;
using Maas.Testing;
using Spectre.Console;

namespace Maas.Server.Tests.Cli;

/// <summary>What a new user met: chat on a wrong model, tables cut in pipes, a bare 401, keys revoked only by id.</summary>
public sealed class CliUsabilityTests
{
    [Fact]
    public async Task Chat_UnknownOrNonLlmModel_FailsBeforeThePromptWithOneLine()
    {
        await using var server = await MaasTestServer.StartAsync();
        (await server.PushAsync("mlp", Expected.MlpModel)).Dispose();

        var missing = await RunWithInputAsync(server, "hello\n", "chat", "nope");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("does not exist", Assert.Single(Lines(missing.Error)), StringComparison.Ordinal);
        Assert.Equal("", missing.Out);

        var tensor = await RunWithInputAsync(server, "hello\n", "chat", "mlp");
        Assert.Equal(1, tensor.ExitCode);
        var line = Assert.Single(Lines(tensor.Error));
        Assert.Contains("mlp is a tensor model, not a text-generation one", line, StringComparison.Ordinal);
        Assert.Contains("maas predict mlp", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TableCommands_PipedStdout_FullRowsAndJson()
    {
        await using var server = await MaasTestServer.StartAsync();
        using var home = new TempDirectory("maas-cli-home");
        var url = server.BaseAddress.ToString();
        const string Models = "sentiment,llm-*,another-long-model-name,yet-another-model";
        var created = await CliRunner.RunAsync("keys", "create", "--name", "ci", "--models", Models, "--expires", "30d", "--server", url, "--api-key", server.AdminKey);
        Assert.True(created.ExitCode == 0, created.Error);

        // A real process with stdout in a pipe: Spectre would assume 80 columns and wrap this row over several lines.
        var list = await MaasProcess.RunAsync(home.Path, null, null, "keys", "list", "--server", url, "--api-key", server.AdminKey);
        Assert.True(list.ExitCode == 0, list.Error);
        var row = Assert.Single(Lines(list.Out), l => l.Contains(" ci ", StringComparison.Ordinal));
        Assert.Contains(Models, row, StringComparison.Ordinal);
        Assert.Matches(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[^ ]*\+00:00", row);

        var keys = JsonNode.Parse((await Ok(MaasProcess.RunAsync(home.Path, null, null, "keys", "list", "--json", "--server", url, "--api-key", server.AdminKey))).Out)!.AsArray();
        Assert.Contains(keys, k => k!["name"]!.GetValue<string>() == "ci" && k["models"]!.AsArray().Count == 4);

        var pushed = JsonNode.Parse((await Ok(CliRunner.RunAsync("push", SharedModels.PathOf("mlp-regression", "model.onnx"), "--name", "mlp", "--json", "--server", url, "--api-key", server.AdminKey))).Out)!;
        Assert.Equal(1, pushed["version"]!.GetValue<int>());
        Assert.Equal("ready", pushed["state"]!.GetValue<string>());

        var models = JsonNode.Parse((await Ok(CliRunner.RunAsync("models", "--json", "--server", url, "--api-key", server.AdminKey))).Out)!.AsArray();
        Assert.Equal("mlp", Assert.Single(models)!["name"]!.GetValue<string>());

        (await Ok(CliRunner.RunAsync("predict", "mlp", "--json", "[[0,0,0,0,0,0,0,0,0,0]]", "--server", url, "--api-key", server.AdminKey))).ToString();
        var usage = JsonNode.Parse((await Ok(CliRunner.RunAsync("usage", "--json", "--server", url, "--api-key", server.AdminKey))).Out)!.AsArray();
        Assert.Contains(usage, u => u!["model"]?.GetValue<string>() == "mlp" && u["requests"]!.GetValue<long>() >= 1);
    }

    [Fact]
    public async Task NoKey_Unauthorized_SaysHowToPassOne()
    {
        await using var server = await MaasTestServer.StartAsync();
        using var home = new TempDirectory("maas-cli-home");
        var url = server.BaseAddress.ToString();

        var bare = await MaasProcess.RunAsync(home.Path, null, null, "models", "--server", url);
        Assert.Equal(1, bare.ExitCode);
        var line = Assert.Single(Lines(bare.Error));
        Assert.Contains("set MAAS_API_KEY or pass --api-key", line, StringComparison.Ordinal);
        Assert.Contains("~/.maas/admin.key", line, StringComparison.Ordinal);

        var wrong = await MaasProcess.RunAsync(home.Path, null, new Dictionary<string, string> { ["MAAS_API_KEY"] = "maas_wrong" }, "models", "--server", url);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("was refused", Assert.Single(Lines(wrong.Error)), StringComparison.Ordinal);

        var withEnv = await MaasProcess.RunAsync(home.Path, null, new Dictionary<string, string> { ["MAAS_API_KEY"] = server.AdminKey }, "models", "--server", url);
        Assert.True(withEnv.ExitCode == 0, withEnv.Error);
    }

    [Fact]
    public async Task KeysRevoke_ByUniqueName_AndAmbiguousNameRefused()
    {
        await using var server = await MaasTestServer.StartAsync();
        var url = server.BaseAddress.ToString();
        string[] auth = ["--server", url, "--api-key", server.AdminKey];
        await Ok(CliRunner.RunAsync(["keys", "create", "--name", "ci", .. auth]));
        var secret = Lines((await Ok(CliRunner.RunAsync(["keys", "create", "--name", "ci-mlp", .. auth]))).Out)[^1];
        using (var client = server.CreateClient(secret))
        using (var before = await client.GetAsync(new Uri("/api/models", UriKind.Relative)))
        {
            Assert.True(before.IsSuccessStatusCode, "the secret is the last line of `maas keys create`");
        }

        var revoked = await Ok(CliRunner.RunAsync(["keys", "revoke", "ci-mlp", .. auth]));
        Assert.Contains("(ci-mlp)", revoked.Out, StringComparison.Ordinal);
        using (var client = server.CreateClient(secret))
        using (var after = await client.GetAsync(new Uri("/api/models", UriKind.Relative)))
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, after.StatusCode);
        }

        var again = await CliRunner.RunAsync(["keys", "revoke", "ci-mlp", .. auth]);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("no live key has the id or name 'ci-mlp'", again.Error, StringComparison.Ordinal);

        await Ok(CliRunner.RunAsync(["keys", "create", "--name", "ci", .. auth]));
        var ambiguous = await CliRunner.RunAsync(["keys", "revoke", "ci", .. auth]);
        Assert.Equal(1, ambiguous.ExitCode);
        Assert.Contains("2 live keys are named 'ci'", ambiguous.Error, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task<(int ExitCode, string Out, string Error)> Ok(Task<(int ExitCode, string Out, string Error)> run)
    {
        var result = await run;
        Assert.True(result.ExitCode == 0, result.Error);
        return result;
    }

    private static async Task<(int ExitCode, string Out, string Error)> RunWithInputAsync(MaasTestServer server, string input, params string[] args)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var error = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        using var reader = new StringReader(input);
        var exitCode = await CliApp.RunAsync([.. args, "--server", server.BaseAddress.ToString(), "--api-key", server.AdminKey], console, error, reader);
        return (exitCode, output.ToString(), error.ToString());
    }
}
