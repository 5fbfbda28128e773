using System.CommandLine;
using System.Text.Json;
using Maas.Cli.Rendering;
using Maas.Client;

namespace Maas.Cli.Commands;

/// <summary><c>maas show REF [--json]</c>: one version's document, as a table or as JSON for scripts.</summary>
internal static class ShowCommand
{
    public static Command Create(CliIo io)
    {
        var reference = new Argument<string>("REF") { Description = "NAME, NAME:VERSION or NAME@ALIAS" };
        var json = new Option<bool>("--json") { Description = "Print the version document as JSON" };

        var command = new Command("show", "Show one model version: signature, state, aliases")
        {
            reference,
            json,
        };
        command.SetGuardedAction(io, async (parseResult, cancellationToken) =>
        {
            var parsed = ModelReference.Parse(parseResult.GetRequiredValue(reference));
            using var client = ClientOptions.CreateClient(parseResult);
            var version = await client.GetVersionAsync(parsed, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                io.WriteRaw(JsonSerializer.Serialize(version, MaasJsonContext.Default.ModelVersionInfo));
            }
            else
            {
                VersionDetails.Write(io.Out, version);
            }

            return 0;
        });
        return command;
    }
}
