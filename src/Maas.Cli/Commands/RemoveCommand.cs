using System.CommandLine;
using Maas.Client;
using Spectre.Console;

namespace Maas.Cli.Commands;

/// <summary><c>maas rm REF [--force]</c>: NAME removes the whole model, NAME:VERSION one version.</summary>
internal static class RemoveCommand
{
    public static Command Create(CliIo io)
    {
        var reference = new Argument<string>("REF") { Description = "NAME (the whole model) or NAME:VERSION" };
        var force = new Option<bool>("--force", "-f") { Description = "Remove a version even if an alias points at it" };

        var command = new Command("rm", "Remove a model or one of its versions")
        {
            reference,
            force,
        };
        command.SetGuardedAction(io, async (parseResult, cancellationToken) =>
        {
            var parsed = ModelReference.Parse(parseResult.GetRequiredValue(reference));

            // An alias moves over time; deleting "whatever prod points at right now" is too easy to regret.
            if (parsed.Alias is not null)
            {
                throw new CliException($"rm takes NAME or NAME:VERSION, not an alias ('{parsed}')");
            }

            using var client = ClientOptions.CreateClient(parseResult);
            if (parsed.Version is { } version)
            {
                await client.DeleteVersionAsync(parsed.Name, version, parseResult.GetValue(force), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await client.DeleteModelAsync(parsed.Name, cancellationToken).ConfigureAwait(false);
            }

            io.Out.WriteLine($"removed {parsed}");
            return 0;
        });
        return command;
    }
}
