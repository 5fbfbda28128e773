using Maas.Models;
using Maas.Security.Keys;
using Microsoft.AspNetCore.Http;

namespace Maas.Server.Auth;

/// <summary>The key a request was made with, and the model it touches (for grants and usage).</summary>
internal static class Caller
{
    private const string KeyItem = "maas.caller";
    private const string ModelItem = "maas.model";
    private const string UsageItem = "maas.usage";

    /// <summary>With <c>--auth none</c> every request acts as this local, all-powerful caller.</summary>
    public static KeyInfo Local { get; } = new("local", "local", "", [Scope.Admin], [], DateTimeOffset.UnixEpoch, null, null, null, null);

    public static KeyInfo GetCaller(this HttpContext context) =>
        context.Items[KeyItem] as KeyInfo ?? throw new InvalidOperationException("no caller: the endpoint is anonymous");

    public static void SetCaller(this HttpContext context, KeyInfo key) => context.Items[KeyItem] = key;

    public static string? GetModel(this HttpContext context) => context.Items[ModelItem] as string;

    /// <summary>Checks the caller's model grant (403 otherwise) and notes the model for usage metering.</summary>
    public static void EnsureModelGrant(this HttpContext context, string modelName)
    {
        if (context.Items[KeyItem] is KeyInfo key)
        {
            key.EnsureCanUseModel(modelName);
        }

        context.Items[ModelItem] = modelName;
    }

    /// <summary>
    /// Adds what a request consumed beyond the request itself (tokens, images); the auth middleware meters it with the
    /// request when it ends and charges the tokens to the key's token limits.
    /// </summary>
    public static void AddUsage(this HttpContext context, long inputTokens = 0, long outputTokens = 0, long images = 0)
    {
        var current = context.Items[UsageItem] as RequestUsage ?? new RequestUsage(0, 0, 0);
        context.Items[UsageItem] = new RequestUsage(current.InputTokens + inputTokens, current.OutputTokens + outputTokens, current.Images + images);
    }

    public static RequestUsage GetUsage(this HttpContext context) => context.Items[UsageItem] as RequestUsage ?? new RequestUsage(0, 0, 0);

    /// <summary>The model a route names, from its {name} or {target} segment (a reference such as mlp@prod:predict).</summary>
    public static string? RouteModel(HttpContext context)
    {
        var raw = context.Request.RouteValues["name"] as string ?? context.Request.RouteValues["target"] as string;
        if (raw is null)
        {
            return null;
        }

        var verb = raw.LastIndexOf(":predict", StringComparison.Ordinal);
        var reference = verb > 0 && verb == raw.Length - ":predict".Length ? raw[..verb] : raw;
        return ModelReference.TryParse(reference, out var parsed, out _) ? parsed.Name : null;
    }
}

/// <summary>Tokens and images a request consumed, added up by its handler.</summary>
internal sealed record RequestUsage(long InputTokens, long OutputTokens, long Images);
