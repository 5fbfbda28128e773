using Maas.Models;
using Maas.Routing;
using Microsoft.AspNetCore.Http;

namespace Maas.Server.Auth;

/// <summary>The <see cref="Caller"/> a request was authenticated as, kept on the HttpContext for the adapters.</summary>
internal static class HttpCaller
{
    private const string CallerItem = "maas.caller";

    public static Caller GetCaller(this HttpContext context) =>
        context.Items[CallerItem] as Caller ?? throw new InvalidOperationException("no caller: the endpoint is anonymous");

    public static void SetCaller(this HttpContext context, Caller caller) => context.Items[CallerItem] = caller;

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
