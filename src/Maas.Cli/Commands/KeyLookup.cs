using System.Text.Json.Nodes;
using Maas.Client;

namespace Maas.Cli.Commands;

/// <summary>
/// Finds the key <c>maas keys revoke</c> means. People create keys by name and a script has no easy way to get the
/// generated id back, so a name works too, but only when exactly one live key carries it: revoking is not undoable.
/// </summary>
internal static class KeyLookup
{
    public static async Task<string> ResolveIdAsync(MaasClient client, string idOrName, CancellationToken cancellationToken)
    {
        var keys = (await client.ListKeysAsync(cancellationToken).ConfigureAwait(false)).AsArray();
        if (keys.Any(k => Text(k, "id") == idOrName))
        {
            return idOrName;
        }

        var named = keys.Where(k => Text(k, "name") == idOrName && IsLive(k)).ToList();
        return named.Count switch
        {
            1 => Text(named[0], "id")!,
            0 => throw new CliException($"no live key has the id or name '{idOrName}' (see `maas keys list`)"),
            _ => throw new CliException(
                $"{named.Count} live keys are named '{idOrName}' ({string.Join(", ", named.Select(k => Text(k, "id")))}); revoke one by id"),
        };
    }

    private static bool IsLive(JsonNode? key) => key?["revoked"] is null;

    private static string? Text(JsonNode? key, string property) =>
        key?[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
