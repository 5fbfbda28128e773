using System.CommandLine;

namespace Maas.Cli.Commands;

/// <summary><c>--json</c> on commands that print a table: the same data as JSON, for scripts and <c>jq</c>.</summary>
internal static class JsonOutputOption
{
    public static Option<bool> Create(string what = "the result") => new("--json") { Description = $"Print {what} as JSON instead of a table" };
}
