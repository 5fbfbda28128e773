using System.Globalization;
using Maas.Cli;
using Spectre.Console;

namespace Maas.Server.Tests.Infrastructure;

/// <summary>Runs the real `maas` command in-process on a plain console and captures what it prints.</summary>
public static class CliRunner
{
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
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
        console.Profile.Width = 200;
        var exitCode = await CliApp.RunAsync(args, console, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
