using System.CommandLine;
using Spectre.Console;

namespace Maas.Cli.Commands;

/// <summary><c>maas alias NAME ALIAS VERSION</c>: points an alias at a version (how a version goes live).</summary>
internal static class AliasCommand
{
    public static Command Create(CliIo io)
    {
        var name = new Argument<string>("NAME") { Description = "Model name" };
        var alias = new Argument<string>("ALIAS") { Description = "Alias to set, e.g. prod" };
        var version = new Argument<int>("VERSION") { Description = "Version the alias should point at" };

        var command = new Command("alias", "Point an alias at a version")
        {
            name,
            alias,
            version,
        };
        command.SetGuardedAction(io, async (parseResult, cancellationToken) =>
        {
            using var client = ClientOptions.CreateClient(parseResult);
            var result = await client.SetAliasAsync(
                parseResult.GetRequiredValue(name),
                parseResult.GetRequiredValue(alias),
                parseResult.GetValue(version),
                cancellationToken).ConfigureAwait(false);
            io.Out.WriteLine($"{result.Name}@{parseResult.GetRequiredValue(alias)} → {result.Name}:{result.Version}");
            return 0;
        });
        return command;
    }
}
