using System.CommandLine;
using Maas.Client;

namespace Maas.Cli.Commands;

/// <summary>The options every client command shares: which server, and which key to show it.</summary>
internal static class ClientOptions
{
    public const string DefaultServer = "http://127.0.0.1:8080";

    // Recursive: `maas push x --server URL` and `maas --server URL push x` both work.
    public static Option<string> Server { get; } = new("--server", "-s")
    {
        Description = "Server address (env MAAS_URL)",
        Recursive = true,
        HelpName = "URL",
        DefaultValueFactory = _ => NonEmpty(Environment.GetEnvironmentVariable("MAAS_URL")) ?? DefaultServer,
    };

    public static Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = "API key sent as a bearer token (env MAAS_API_KEY)",
        Recursive = true,
        HelpName = "KEY",
    };

    public static MaasClient CreateClient(ParseResult parseResult) => new(ServerAddress(parseResult), ApiKeyValue(parseResult));

    public static Uri ServerAddress(ParseResult parseResult)
    {
        var server = parseResult.GetValue(Server) ?? DefaultServer;
        if (!Uri.TryCreate(server, UriKind.Absolute, out var address)
            || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException($"--server '{server}' is not an http(s) address such as {DefaultServer}");
        }

        return address;
    }

    /// <summary>
    /// --api-key, else MAAS_API_KEY, else (for a loopback server only) the admin key the first `maas serve` saved in
    /// MAAS_HOME/admin.key, so the local CLI works without typing it; the local key never travels to another host.
    /// Read here, not as a DefaultValueFactory: help prints defaults, and a key must never end up on screen.
    /// </summary>
    public static string? ApiKeyValue(ParseResult parseResult) =>
        NonEmpty(parseResult.GetValue(ApiKey))
        ?? NonEmpty(Environment.GetEnvironmentVariable("MAAS_API_KEY"))
        ?? LocalAdminKey(ServerAddress(parseResult));

    private static string? LocalAdminKey(Uri server)
    {
        if (!server.IsLoopback)
        {
            return null;
        }

        var home = NonEmpty(Environment.GetEnvironmentVariable("MAAS_HOME"))
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".maas");
        var file = Path.Combine(home, "admin.key");
        try
        {
            return File.Exists(file) ? NonEmpty(File.ReadAllText(file).Trim()) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
