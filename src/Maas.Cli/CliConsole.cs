using Spectre.Console;

namespace Maas.Cli;

/// <summary>The console a real run writes to: the terminal as Spectre sees it, or a plain, unbounded one in a pipe.</summary>
internal static class CliConsole
{
    /// <summary>
    /// The width used when stdout is a pipe or a file. Spectre assumes 80 columns there and wraps table cells, which
    /// splits one row over several lines and breaks grep/awk; tables take only the width they need, so a large value
    /// prints every row on one line without padding anything.
    /// </summary>
    public const int RedirectedWidth = 4096;

    public static IAnsiConsole Create()
    {
        if (!Console.IsOutputRedirected)
        {
            return AnsiConsole.Console;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = RedirectedWidth;
        return console;
    }
}
