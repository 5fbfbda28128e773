using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Maas.Cli.Rendering;
using Maas.Client;
using Spectre.Console;

namespace Maas.Cli.Commands;

/// <summary><c>maas models</c>: one row per model with its aliases and the state of its newest version.</summary>
internal static class ModelsCommand
{
    public static Command Create(CliIo io)
    {
        var json = JsonOutputOption.Create("the model documents");
        var command = new Command("models", "List the models on the server") { json };
        command.SetGuardedAction(io, async (parseResult, cancellationToken) =>
        {
            using var client = ClientOptions.CreateClient(parseResult);
            var models = await client.ListModelsAsync(cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                io.WriteRaw(JsonText.Indented(new JsonArray([.. models.Select(m => JsonSerializer.SerializeToNode(m, MaasJsonContext.Default.ModelInfo))])));
                return 0;
            }

            if (models.Count == 0)
            {
                io.Out.WriteLine("no models yet: add one with `maas push PATH --name NAME`");
                return 0;
            }

            io.Out.Write(Build(models));
            return 0;
        });
        return command;
    }

    internal static Table Build(IEnumerable<ModelInfo> models)
    {
        var table = new Table().AddColumns("name", "versions", "aliases", "latest", "state");
        foreach (var model in models.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var latest = model.GetLatestVersion();
            var aliases = model.Aliases
                .OrderBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => $"{a.Key}→{a.Value.ToString(CultureInfo.InvariantCulture)}");
            table.AddTextRow(
                model.Name,
                model.Versions.Count.ToString(CultureInfo.InvariantCulture),
                model.Aliases.Count == 0 ? "-" : string.Join(", ", aliases),
                latest?.Version.ToString(CultureInfo.InvariantCulture) ?? "-",
                latest?.State ?? "-");
        }

        return table;
    }
}
