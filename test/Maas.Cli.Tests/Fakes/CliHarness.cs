using Spectre.Console;

namespace Maas.Cli.Tests.Fakes;

internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Runs <c>maas</c> in-process against a plain, non-interactive console and captures both streams.</summary>
internal static class CliHarness
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;

        var exitCode = await CliApp.RunAsync(args, console, error);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
