using System.Net;
using Maas.Errors;

namespace Maas.Server.Auth;

/// <summary>
/// Authentication is on by default (<c>keys</c>). <c>none</c> exists for local experiments and is refused unless every
/// listen address is loopback, so a server reachable from the network never runs open.
/// </summary>
public static class AuthMode
{
    public const string Keys = "keys";
    public const string None = "none";

    public static bool IsOpen(string? mode, IEnumerable<string> urls)
    {
        switch (mode?.ToLowerInvariant())
        {
            case null or "" or Keys:
                return false;
            case None:
                var exposed = urls.Where(u => !IsLoopback(u)).ToArray();
                return exposed.Length == 0
                    ? true
                    : throw MaasException.InvalidInput(
                        $"--auth none is only allowed when every listen address is loopback; not: {string.Join(", ", exposed)}");
            default:
                throw MaasException.InvalidInput($"--auth must be '{Keys}' or '{None}', not '{mode}'");
        }
    }

    private static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.Host == "localhost" || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
