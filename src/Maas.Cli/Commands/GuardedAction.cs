using System.CommandLine;
using System.Text.Json;
using Maas.Client;
using Maas.Errors;

namespace Maas.Cli.Commands;

/// <summary>Runs a command body and turns every failure into one <c>error:</c> line and exit code 1.</summary>
internal static class GuardedAction
{
    public const int Failure = 1;

    // 128 + SIGINT, what shells report for a command stopped with Ctrl+C.
    public const int Cancelled = 130;

    public static void SetGuardedAction(this Command command, CliIo io, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction((parseResult, cancellationToken) => RunAsync(io, parseResult, action, cancellationToken));

    private static async Task<int> RunAsync(
        CliIo io, ParseResult parseResult, Func<ParseResult, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action(parseResult, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            io.WriteError("cancelled");
            return Cancelled;
        }
        catch (MaasApiException ex) when (ex.StatusCode == 401)
        {
            io.WriteError(KeyHints.ForUnauthenticated(ex.Message, parseResult));
            return Failure;
        }
        catch (Exception ex) when (IsExpected(ex))
        {
            io.WriteError(ErrorText.Of(ex));
            return Failure;
        }
        catch (Exception ex)
        {
            // A bug, not a user mistake: name the type so the report is useful, still on one line.
            io.WriteError($"unexpected {ex.GetType().Name}: {ex.Message}");
            return Failure;
        }
    }

    private static bool IsExpected(Exception ex) => ex is CliException or MaasApiException or MaasException or IOException
        or UnauthorizedAccessException or ArgumentException or FormatException or JsonException
        // A setting that fails its check at start: the message already names the key and the rule.
        or Microsoft.Extensions.Options.OptionsValidationException;
}
