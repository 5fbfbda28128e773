using System.Text.Json.Serialization;
using Maas.Errors;
using Maas.Security;
using Maas.Security.Audit;
using Maas.Security.Keys;
using Maas.Security.Limits;
using Maas.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Maas.Server.Auth;

/// <summary>API keys: create (the secret is shown once), list, show, revoke. Admin only.</summary>
internal static class KeysApi
{
    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder routes)
    {
        // Key requests are a few hundred bytes; a small limit keeps this route from buffering anything large.
        var keys = routes.MapGroup("/api/keys").RequireScope(Scope.Admin).WithMetadata(new RequestSizeLimitAttribute(64 * 1024));
        keys.MapPost("/", CreateAsync);
        keys.MapGet("/", async (ApiKeyService service, CancellationToken ct) =>
            TypedResults.Json((await service.ListAsync(ct)).Select(KeyDocument.From).ToArray(), SecurityJsonContext.Default.KeyDocumentArray));
        keys.MapGet("/{id}", async (string id, ApiKeyService service, CancellationToken ct) =>
            TypedResults.Json(KeyDocument.From(await service.GetAsync(id, ct) ?? throw MaasException.NotFound($"API key '{id}' does not exist")),
                SecurityJsonContext.Default.KeyDocument));
        keys.MapDelete("/{id}", async (string id, HttpContext context, ApiKeyService service, AuditLog audit, CancellationToken ct) =>
        {
            var revoked = await service.RevokeAsync(id, ct);
            await audit.RecordAsync(context.GetCaller().Id, "key.revoke", revoked.Id, revoked.Name, ct);
            return TypedResults.Json(KeyDocument.From(revoked), SecurityJsonContext.Default.KeyDocument);
        });
        return routes;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ApiKeyService service, AuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var request = await JsonBody.ReadAsync(context.Request, SecurityJsonContext.Default.CreateKeyRequest, "a key request such as {\"name\": \"ci\"}", ct);

        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw MaasException.InvalidInput("'name' is required");
        }

        var scopes = ScopeText.ParseList(string.Join(',', request.Scopes ?? ["infer"]));

        DateTimeOffset? expires = null;
        if (request.Expires is { Length: > 0 } text)
        {
            expires = DurationText.TryParse(text, out var duration)
                ? time.GetUtcNow() + duration
                : DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
                    ? at
                    : throw MaasException.InvalidInput($"'expires' must be a duration such as 30d or 12h, or a date, not '{text}'");
        }

        var created = await service.CreateAsync(
            new NewKey(request.Name, scopes, request.Models ?? [], expires, request.Limits?.ToLimits()), ct);
        await audit.RecordAsync(context.GetCaller().Id, "key.create", created.Key.Id, created.Key.Name, ct);
        return TypedResults.Json(
            new CreatedKeyDocument(created.Secret, KeyDocument.From(created.Key)),
            SecurityJsonContext.Default.CreatedKeyDocument,
            statusCode: StatusCodes.Status201Created);
    }
}

internal sealed record LimitsDocument(int? RequestsPerMinute, int? TokensPerMinute, int? ConcurrentRequests, long? RequestsPerDay, long? TokensPerDay)
{
    public KeyLimits ToLimits() => new(RequestsPerMinute, TokensPerMinute, ConcurrentRequests, RequestsPerDay, TokensPerDay);

    public static LimitsDocument? From(KeyLimits? limits) => limits is null
        ? null
        : new(limits.RequestsPerMinute, limits.TokensPerMinute, limits.ConcurrentRequests, limits.RequestsPerDay, limits.TokensPerDay);
}

internal sealed record CreateKeyRequest(string? Name, string[]? Scopes, string[]? Models, string? Expires, LimitsDocument? Limits);

internal sealed record KeyDocument(
    string Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> Models,
    DateTimeOffset Created,
    DateTimeOffset? Expires,
    DateTimeOffset? Revoked,
    DateTimeOffset? LastUsed,
    LimitsDocument? Limits)
{
    public static KeyDocument From(KeyInfo key) => new(
        key.Id, key.Name, key.Prefix, key.Scopes.Select(ScopeText.Name).ToArray(), key.ModelPatterns,
        key.Created, key.Expires, key.Revoked, key.LastUsed, LimitsDocument.From(key.Limits));
}

/// <summary>The only document that ever carries a secret: the answer to a create.</summary>
internal sealed record CreatedKeyDocument(string Key, KeyDocument Info);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CreateKeyRequest))]
[JsonSerializable(typeof(KeyDocument))]
[JsonSerializable(typeof(KeyDocument[]))]
[JsonSerializable(typeof(CreatedKeyDocument))]
[JsonSerializable(typeof(UsageDocument[]))]
[JsonSerializable(typeof(AuditDocument[]))]
internal sealed partial class SecurityJsonContext : JsonSerializerContext;
