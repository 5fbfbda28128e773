using System.CommandLine;
using System.Globalization;
using Maas.Cli.Rendering;
using Spectre.Console;

namespace Maas.Cli.Commands;

/// <summary><c>maas usage</c>: requests, tokens and compute per key, model and day.</summary>
internal static class UsageCommand
{
    public static Command Create(CliIo io)
    {
        var key = new Option<string?>("--key") { Description = "A key id (admins only; others always see their own)" };
        var from = new Option<string?>("--from") { Description = "First day, yyyy-MM-dd" };
        var to = new Option<string?>("--to") { Description = "Last day, yyyy-MM-dd" };
        var json = JsonOutputOption.Create("the usage rows");
        var command = new Command("usage", "Show usage per key, model and day") { key, from, to, json };
        command.SetGuardedAction(io, async (parseResult, cancellationToken) =>
        {
            using var client = ClientOptions.CreateClient(parseResult);
            var rows = (await client.GetUsageAsync(parseResult.GetValue(key), Day(parseResult.GetValue(from), "--from"), Day(parseResult.GetValue(to), "--to"), cancellationToken)
                .ConfigureAwait(false)).AsArray();
            if (parseResult.GetValue(json))
            {
                io.WriteRaw(JsonText.Indented(rows));
                return 0;
            }

            var table = new Table().AddColumns("day", "key", "model", "requests", "input tokens", "output tokens", "images", "compute ms");
            foreach (var row in rows)
            {
                table.AddTextRow(
                    KeysCommand.Text(row, "day"), KeysCommand.Text(row, "key"), KeysCommand.Text(row, "model"),
                    KeysCommand.Text(row, "requests"), KeysCommand.Text(row, "input_tokens"), KeysCommand.Text(row, "output_tokens"),
                    KeysCommand.Text(row, "images"), KeysCommand.Text(row, "compute_ms"));
            }

            io.Out.Write(table);
            return 0;
        });
        return command;
    }

    private static DateOnly? Day(string? text, string option) =>
        text is null
            ? null
            : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day
                : throw new CliException($"{option} must be a date like 2026-11-23, not '{text}'");
}
