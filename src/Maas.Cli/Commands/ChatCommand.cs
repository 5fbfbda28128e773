using System.CommandLine;
using Maas.Client;

namespace Maas.Cli.Commands;

/// <summary>
/// <c>maas chat REF</c>: an interactive conversation, like <c>ollama run</c>. Answers stream as they are generated;
/// the whole history goes with every turn (the server keeps no session); <c>/bye</c> or end of input leaves. With
/// stdin redirected (<c>echo hi | maas chat m</c>) each line is a turn and only the answers are printed.
/// </summary>
internal static class ChatCommand
{
    public const string Bye = "/bye";

    public static Command Create(CliIo io)
    {
        var reference = new Argument<string>("REF") { Description = "A text-generation model: NAME, NAME:VERSION or NAME@ALIAS" };
        var system = new Option<string?>("--system") { Description = "A system message that starts the conversation", HelpName = "TEXT" };
        var sampling = new GenerationOptionsBinding();
        var command = new Command("chat", $"Chat with a text-generation model ({Bye} to leave)") { reference, system };
        sampling.AddTo(command);
        command.SetGuardedAction(io, async (parseResult, cancellationToken) =>
        {
            var model = parseResult.GetRequiredValue(reference);
            var options = sampling.Read(parseResult);
            var history = new List<ChatTurn>();
            if (parseResult.GetValue(system) is { Length: > 0 } systemText)
            {
                history.Add(new ChatTurn("system", systemText));
            }

            using var client = ClientOptions.CreateClient(parseResult);

            // Fail before the prompt: a typo should not cost the user a typed question.
            await TextGeneration.EnsureAsync(client, model, cancellationToken).ConfigureAwait(false);
            if (io.InteractiveInput)
            {
                io.Error.WriteLine($"chatting with {model}; {Bye} to leave");
            }

            while (true)
            {
                if (io.InteractiveInput)
                {
                    io.WritePiece(">>> ");
                }

                var line = await io.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                if (line is null || line.Trim() == Bye)
                {
                    return 0;
                }

                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                history.Add(new ChatTurn("user", line));
                var answer = new System.Text.StringBuilder();
                await foreach (var piece in client.StreamChatAsync(model, history, options, cancellationToken).ConfigureAwait(false))
                {
                    answer.Append(piece);
                    io.WritePiece(piece);
                }

                io.WritePiece(Environment.NewLine);
                history.Add(new ChatTurn("assistant", answer.ToString()));
            }
        });
        return command;
    }
}
