using Maas.Server.Tests.Infrastructure;
using Maas.Testing;

namespace Maas.Server.Tests.OpenAi;

/// <summary>`maas chat` fed by a pipe (what the README runs), and `maas predict` pointed at an LLM.</summary>
[Collection(Gpt2TinyCollection.Name)]
public sealed class CliLlmCommandTests(Gpt2TinyServer fixture)
{
    [Fact]
    public async Task Chat_PipedStdin_AnswersEachLineWithoutPromptsAndExitsZero()
    {
        var chat = Gpt2TinyServer.Expected["chat"]![0]!;
        var question = chat["messages"]![0]!["content"]!.GetValue<string>();
        using var home = new TempDirectory("maas-cli-home");
        var run = await MaasProcess.RunAsync(
            home.Path, $"{question}\n", null, "chat", "gpt2", "--temperature", "0", "--server", fixture.Server.BaseAddress.ToString(), "--api-key", fixture.Server.AdminKey);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(chat["generated_text"]!.GetValue<string>(), run.Out.TrimEnd('\n', '\r'));
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Predict_OnLlm_PointsToGenerateAndChat()
    {
        var run = await CliRunner.RunAsync("predict", "gpt2", "--text", "hi", "--server", fixture.Server.BaseAddress.ToString(), "--api-key", fixture.Server.AdminKey);
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("gpt2 is a text-generation model", line, StringComparison.Ordinal);
        Assert.Contains("maas generate gpt2", line, StringComparison.Ordinal);
        Assert.Contains("maas chat gpt2", line, StringComparison.Ordinal);
    }
}
