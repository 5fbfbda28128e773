using System.Globalization;
using Maas.Errors;
using Maas.Security.Audit;
using Maas.Security.Keys;
using Maas.Security.Usage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Maas.Server.Auth;

/// <summary>Usage per key, model and day (admins see every key, others their own) and the audit log (admins).</summary>
internal static class UsageApi
{
    public static IEndpointRouteBuilder MapUsageApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/usage", QueryUsageAsync).RequireScope(Scope.Admin, Scope.Deploy, Scope.Infer);
        routes.MapGet("/api/audit", async (int? limit, string? action, AuditLog audit, CancellationToken ct) =>
        {
            var entries = await audit.QueryAsync(limit is > 0 and <= 1000 ? limit.Value : 100, action, ct);
            return TypedResults.Json(entries.Select(AuditDocument.From).ToArray(), SecurityJsonContext.Default.AuditDocumentArray);
        }).RequireScope(Scope.Admin);
        return routes;
    }

    private static async Task<IResult> QueryUsageAsync(HttpContext context, string? key, string? from, string? to, UsageMeter usage, CancellationToken ct)
    {
        var caller = context.GetCaller();
        if (!caller.Key.Allows(Scope.Admin))
        {
            if (key is not null && key != caller.Id)
            {
                throw new MaasException(ErrorKind.Forbidden, "only an admin key can see another key's usage");
            }

            key = caller.Id;
        }

        var rows = await usage.QueryAsync(key, Day(from, "from"), Day(to, "to"), ct);
        return TypedResults.Json(rows.Select(UsageDocument.From).ToArray(), SecurityJsonContext.Default.UsageDocumentArray);
    }

    private static DateOnly? Day(string? text, string parameter) =>
        text is null
            ? null
            : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day
                : throw MaasException.InvalidInput($"query parameter '{parameter}' must be a date like 2026-11-23, not '{text}'");
}

internal sealed record UsageDocument(string Key, string Model, string Day, long Requests, long InputTokens, long OutputTokens, long Images, long ComputeMs)
{
    public static UsageDocument From(UsageRow row) => new(
        row.KeyId, row.Model, row.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        row.Requests, row.InputTokens, row.OutputTokens, row.Images, row.ComputeMilliseconds);
}

internal sealed record AuditDocument(long Id, DateTimeOffset At, string Actor, string Action, string Target, string? Detail)
{
    public static AuditDocument From(AuditEntry entry) => new(entry.Id, entry.At, entry.ActorKeyId, entry.Action, entry.Target, entry.Detail);
}
