using System.CommandLine;
using System.Text.Json.Nodes;
using Maas.Cli.Rendering;
using Spectre.Console;

namespace Maas.Cli.Commands;

/// <summary><c>maas keys create|list|revoke</c>: API keys with scopes, model grants, expiry and limits.</summary>
internal static class KeysCommand
{
    public static Command Create(CliIo io)
    {
        var command = new Command("keys", "Manage API keys (admin)");
        command.Add(CreateKey(io));
        command.Add(List(io));
        command.Add(Revoke(io));
        return command;
    }

    private static Command CreateKey(CliIo io)
    {
        var name = new Option<string>("--name") { Description = "A name people recognise the key by", Required = true };
        var scopes = new Option<string>("--scopes") { Description = "Comma-separated: admin, deploy, infer", DefaultValueFactory = _ => "infer" };
        var models = new Option<string?>("--models") { Description = "Comma-separated model names or patterns (llm-*); default all" };
        var expires = new Option<string?>("--expires") { Description = "Lifetime such as 30d or 12h, or a date" };
        var rpm = new Option<int?>("--requests-per-minute") { Description = "Rate limit for this key" };
        var tpm = new Option<int?>("--tokens-per-minute") { Description = "Token rate limit for LLM routes" };
        var concurrent = new Option<int?>("--concurrent") { Description = "Most requests in flight at once" };
        var daily = new Option<long?>("--requests-per-day") { Description = "Daily request quota" };
        var json = JsonOutputOption.Create("the server's answer (the key's description and, once, its secret)");
        var command = new Command("create", "Create a key; its secret is printed once, on the last line")
        {
            name, scopes, models, expires, rpm, tpm, concurrent, daily, json,
        };
        command.SetGuardedAction(io, async (parseResult, cancellationToken) =>
        {
            var request = new JsonObject
            {
                ["name"] = parseResult.GetValue(name),
                ["scopes"] = Split(parseResult.GetValue(scopes)),
                ["models"] = Split(parseResult.GetValue(models)),
                ["expires"] = parseResult.GetValue(expires),
                ["limits"] = new JsonObject
                {
                    ["requests_per_minute"] = parseResult.GetValue(rpm),
                    ["tokens_per_minute"] = parseResult.GetValue(tpm),
                    ["concurrent_requests"] = parseResult.GetValue(concurrent),
                    ["requests_per_day"] = parseResult.GetValue(daily),
                },
            };
            using var client = ClientOptions.CreateClient(parseResult);
            var created = await client.CreateKeyAsync(request, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                io.WriteRaw(JsonText.Indented(created));
                return 0;
            }

            io.Out.MarkupLine($"created key [bold]{Markup.Escape(created["info"]!["id"]!.GetValue<string>())}[/] ({Markup.Escape(created["info"]!["name"]!.GetValue<string>())}); the secret is shown only now:");
            io.WriteRaw(created["key"]!.GetValue<string>());
            return 0;
        });
        return command;
    }

    private static Command List(CliIo io)
    {
        var json = JsonOutputOption.Create("the keys");
        var command = new Command("list", "List keys (never their secrets)") { json };
        command.SetGuardedAction(io, async (parseResult, cancellationToken) =>
        {
            using var client = ClientOptions.CreateClient(parseResult);
            var keys = (await client.ListKeysAsync(cancellationToken).ConfigureAwait(false)).AsArray();
            if (parseResult.GetValue(json))
            {
                io.WriteRaw(JsonText.Indented(keys));
                return 0;
            }

            var table = new Table().AddColumns("id", "name", "prefix", "scopes", "models", "expires", "revoked");
            foreach (var key in keys)
            {
                table.AddTextRow(
                    Text(key, "id"), Text(key, "name"), Text(key, "prefix"),
                    string.Join(',', key!["scopes"]!.AsArray().Select(s => s!.GetValue<string>())),
                    key["models"]!.AsArray().Count == 0 ? "all" : string.Join(',', key["models"]!.AsArray().Select(m => m!.GetValue<string>())),
                    Text(key, "expires"), Text(key, "revoked"));
            }

            io.Out.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Revoke(CliIo io)
    {
        var id = new Argument<string>("KEY") { Description = "The key's id (from `maas keys list`), or its name when one live key has it" };
        var command = new Command("revoke", "Revoke a key; it stops working on the next request") { id };
        command.SetGuardedAction(io, async (parseResult, cancellationToken) =>
        {
            using var client = ClientOptions.CreateClient(parseResult);
            var keyId = await KeyLookup.ResolveIdAsync(client, parseResult.GetRequiredValue(id), cancellationToken).ConfigureAwait(false);
            var revoked = await client.RevokeKeyAsync(keyId, cancellationToken).ConfigureAwait(false);
            io.Out.WriteLine($"revoked {Text(revoked, "id")} ({Text(revoked, "name")})");
            return 0;
        });
        return command;
    }

    internal static string Text(JsonNode? node, string property) =>
        node?[property] is { } value ? value.ToString() : "-";

    private static JsonArray Split(string? list) =>
        new((list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => (JsonNode)s).ToArray());
}
