using System.CommandLine;

namespace Maas.Cli.Commands;

/// <summary><c>maas generate REF "prompt"</c>: one plain completion, printed as the tokens arrive.</summary>
internal static class GenerateCommand
{
    public static Command Create(CliIo io)
    {
        var reference = new Argument<string>("REF") { Description = "A text-generation model: NAME, NAME:VERSION or NAME@ALIAS" };
        var prompt = new Argument<string>("PROMPT") { Description = "The text to continue" };
        var sampling = new GenerationOptionsBinding();
        var command = new Command("generate", "Continue a prompt with a text-generation model, streaming the tokens") { reference, prompt };
        sampling.AddTo(command);
        command.SetGuardedAction(io, async (parseResult, cancellationToken) =>
        {
            using var client = ClientOptions.CreateClient(parseResult);
            var stream = client.StreamCompletionAsync(
                parseResult.GetRequiredValue(reference), parseResult.GetRequiredValue(prompt), sampling.Read(parseResult), cancellationToken);
            await foreach (var piece in stream.ConfigureAwait(false))
            {
                io.WritePiece(piece);
            }

            io.WritePiece(Environment.NewLine);
            return 0;
        });
        return command;
    }
}
