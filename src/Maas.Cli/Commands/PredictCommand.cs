using System.CommandLine;
using System.Text.Json.Nodes;
using Maas.Cli.Rendering;
using Maas.Client;

namespace Maas.Cli.Commands;

/// <summary><c>maas predict REF (--json JSON | --text T | --image FILE)</c>: one friendly predict call.</summary>
internal static class PredictCommand
{
    public static Command Create(CliIo io)
    {
        var reference = new Argument<string>("REF") { Description = "NAME, NAME:VERSION or NAME@ALIAS" };
        var json = new Option<string?>("--json", "-j") { Description = "The instances as a JSON array, or @FILE to read them from a file", HelpName = "JSON" };
        var text = new Option<string?>("--text", "-t") { Description = "One text instance", HelpName = "TEXT" };
        var image = new Option<string?>("--image", "-i") { Description = "One image file, sent base64-encoded", HelpName = "FILE" };

        var command = new Command("predict", "Run a prediction; labels and entities print as a table, anything else as JSON")
        {
            reference,
            json,
            text,
            image,
        };
        command.Validators.Add(result =>
        {
            var given = new Option[] { json, text, image }.Count(option => result.GetResult(option) is not null);
            if (given != 1)
            {
                result.AddError("predict needs exactly one of --json, --text or --image");
            }
        });
        command.SetGuardedAction(io, async (parseResult, cancellationToken) =>
        {
            var parsed = ModelReference.Parse(parseResult.GetRequiredValue(reference));
            var instances = parseResult.GetValue(json) is { } jsonValue ? PredictInput.FromJson(jsonValue)
                : parseResult.GetValue(text) is { } textValue ? PredictInput.FromText(textValue)
                : PredictInput.FromImage(parseResult.GetRequiredValue(image)!);

            using var client = ClientOptions.CreateClient(parseResult);
            JsonNode response;
            try
            {
                response = await client.PredictAsync(parsed, instances, cancellationToken).ConfigureAwait(false);
            }
            catch (MaasApiException ex) when (ex.StatusCode is >= 400 and < 500 and not (401 or 403 or 404 or 429))
            {
                if (await TextGeneration.IsTextGenerationAsync(client, parsed, cancellationToken).ConfigureAwait(false))
                {
                    throw new CliException(TextGeneration.UseGenerateInstead(parsed));
                }

                throw;
            }

            var predictions = response is JsonObject obj && obj.TryGetPropertyValue("predictions", out var value) ? value : response;
            if (PredictionTables.TryBuild(predictions) is { } table)
            {
                io.Out.Write(table);
            }
            else
            {
                io.WriteRaw(JsonText.Indented(predictions));
            }

            return 0;
        });
        return command;
    }
}
