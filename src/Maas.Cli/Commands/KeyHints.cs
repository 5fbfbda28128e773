using System.CommandLine;

namespace Maas.Cli.Commands;

/// <summary>What to tell a user the server turned away with 401: how to hand the CLI a key.</summary>
internal static class KeyHints
{
    public const string HowToPassAKey =
        "set MAAS_API_KEY or pass --api-key (the server's admin key is in ~/.maas/admin.key, or MAAS_HOME/admin.key, on its machine)";

    public static string ForUnauthenticated(string serverMessage, ParseResult parseResult)
    {
        // Reading the key again cannot throw here: the same call built the client that got the 401.
        var sentKey = ClientOptions.ApiKeyValue(parseResult) is not null;
        return sentKey
            ? $"{serverMessage}; the key this command sent was refused: check MAAS_API_KEY / --api-key"
            : $"{serverMessage}; no key was sent: {HowToPassAKey}";
    }
}
