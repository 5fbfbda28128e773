using Spectre.Console;

namespace Maas.Cli;

/// <summary>Where a command writes: results to <see cref="Out"/>, one-line failures to <see cref="Error"/> (stderr).</summary>
internal sealed record CliIo(IAnsiConsole Out, TextWriter Error)
{
    /// <summary>Where interactive commands (<c>maas chat</c>) read the user's lines; stdin unless a test swaps it.</summary>
    public TextReader In { get; init; } = Console.In;

    /// <summary>Whether <see cref="In"/> is a person at a terminal: only then do prompts like <c>&gt;&gt;&gt;</c> make sense.</summary>
    public bool InteractiveInput { get; init; }

    /// <summary>Writes a streamed piece of text as it arrives, without a line break.</summary>
    public void WritePiece(string text)
    {
        Out.Profile.Out.Writer.Write(text);
        Out.Profile.Out.Writer.Flush();
    }

    /// <summary>Writes text as is: no markup parsing and no wrapping, so JSON stays machine-readable.</summary>
    public void WriteRaw(string text) => Out.Profile.Out.Writer.WriteLine(text);

    public void WriteError(string message) =>
        Error.WriteLine("error: " + message.ReplaceLineEndings(" ").Trim());
}
