using Spectre.Console;

namespace Maas.Cli;

/// <summary>Where a command writes: results to <see cref="Out"/>, one-line failures to <see cref="Error"/> (stderr).</summary>
internal sealed record CliIo(IAnsiConsole Out, TextWriter Error)
{
    /// <summary>Writes text as is: no markup parsing and no wrapping, so JSON stays machine-readable.</summary>
    public void WriteRaw(string text) => Out.Profile.Out.Writer.WriteLine(text);

    public void WriteError(string message) =>
        Error.WriteLine("error: " + message.ReplaceLineEndings(" ").Trim());
}
