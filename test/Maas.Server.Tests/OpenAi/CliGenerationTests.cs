using System.Globalization;
using Maas.Cli;
using Spectre.Console;

namespace Maas.Server.Tests.OpenAi;

/// <summary>`maas generate` and `maas chat` in-process against the real server.</summary>
[Collection(Gpt2TinyCollection.Name)]
public sealed class CliGenerationTests(Gpt2TinyServer fixture)
{
    [Fact]
    public async Task Generate_ExpectedPrompt_PrintsPyTorchContinuation()
    {
        var expected = Gpt2TinyServer.Expected["generations"]![0]!;
        var run = await RunAsync(null, "generate", "gpt2", expected["prompt"]!.GetValue<string>(), "--temperature", "0", "--max-tokens", "20");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(expected["generated_text"]!.GetValue<string>(), run.Out.TrimEnd('\n', '\r'));
    }

    [Fact]
    public async Task Chat_TwoTurnsThenBye_StreamsAnswersAndLeaves()
    {
        var chats = Gpt2TinyServer.Expected["chat"]!.AsArray();
        var first = chats[0]!["messages"]![0]!["content"]!.GetValue<string>();
        var run = await RunAsync($"{first}\n\n/bye\nnever read\n", "chat", "gpt2", "--temperature", "0");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains(chats[0]!["generated_text"]!.GetValue<string>(), run.Out, StringComparison.Ordinal);
        Assert.Contains("/bye", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_UnknownModel_ExitsOneWithServerMessage()
    {
        var run = await RunAsync(null, "generate", "nope", "hi");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not exist", run.Error, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Out, string Error)> RunAsync(string? input, params string[] args)
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
        using var reader = new StringReader(input ?? "");
        var exitCode = await CliApp.RunAsync([.. args, "--server", fixture.Server.BaseAddress.ToString(), "--api-key", fixture.Server.AdminKey], console, error, reader);
        return (exitCode, output.ToString(), error.ToString());
    }
}
