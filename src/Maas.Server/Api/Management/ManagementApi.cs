using Maas.Errors;
using Maas.Runtime.Catalog;
using Maas.Runtime.Publishing;
using Maas.Security.Audit;
using Maas.Security.Keys;
using Maas.Server.Auth;
using Maas.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Maas.Server.Api.Management;

/// <summary>The registry routes of API.md: push, list, show, download, alias, delete.</summary>
internal static class ManagementApi
{
    public static IEndpointRouteBuilder MapManagementApi(this IEndpointRouteBuilder routes)
    {
        var read = routes.MapGroup("/api/models").RequireScope(Scope.Infer, Scope.Deploy);
        read.MapGet("/", (HttpContext context, ModelCatalog catalog, DocumentFactory documents) =>
            TypedResults.Json(
                new ModelListDocument(catalog.Models
                    .Where(m => context.GetCaller().CanUseModel(m.Name))
                    .OrderBy(m => m.Name, StringComparer.Ordinal)
                    .Select(documents.Model)
                    .ToArray()),
                ManagementJsonContext.Default.ModelListDocument));
        read.MapGet("/{name}", (string name, ModelCatalog catalog, DocumentFactory documents) =>
            TypedResults.Json(documents.Model(catalog.Get(name)), ManagementJsonContext.Default.ModelDocument));
        read.MapGet("/{name}/versions/{version:int}", (string name, int version, ModelCatalog catalog, DocumentFactory documents) =>
            TypedResults.Json(documents.Version(catalog.GetVersion(name, version)), ManagementJsonContext.Default.VersionDocument));
        read.MapGet("/{name}/versions/{version:int}/artifact", DownloadArtifact);

        var write = routes.MapGroup("/api/models").RequireScope(Scope.Deploy);
        write.MapPost("/{name}/versions", PushAsync);
        write.MapPut("/{name}/aliases/{alias}", SetAliasAsync).WithMetadata(new RequestSizeLimitAttribute(64 * 1024));
        write.MapDelete("/{name}/aliases/{alias}", async (string name, string alias, HttpContext context, ModelPublisher publisher, AuditLog audit, CancellationToken ct) =>
        {
            await publisher.DeleteAliasAsync(name, alias, ct);
            await audit.RecordAsync(context.GetCaller().Id, "alias.delete", $"{name}@{alias}", null, CancellationToken.None);
            return TypedResults.NoContent();
        });
        write.MapDelete("/{name}/versions/{version:int}", async (string name, int version, bool? force, HttpContext context, ModelPublisher publisher, AuditLog audit, CancellationToken ct) =>
        {
            await publisher.DeleteVersionAsync(name, version, force ?? false, ct);
            await audit.RecordAsync(context.GetCaller().Id, "version.delete", $"{name}:{version}", force == true ? "forced" : null, CancellationToken.None);
            return TypedResults.NoContent();
        });
        write.MapDelete("/{name}", async (string name, HttpContext context, ModelPublisher publisher, AuditLog audit, CancellationToken ct) =>
        {
            await publisher.DeleteModelAsync(name, ct);
            await audit.RecordAsync(context.GetCaller().Id, "model.delete", name, null, CancellationToken.None);
            return TypedResults.NoContent();
        });
        return routes;
    }

    private static async Task<IResult> PushAsync(
        string name,
        HttpRequest request,
        ModelPublisher publisher,
        DocumentFactory documents,
        AuditLog audit,
        UploadGate gate,
        IOptions<ServerLimits> limits,
        CancellationToken cancellationToken)
    {
        var query = request.Query;
        var alias = query["alias"].FirstOrDefault();
        var load = ReadBool(query["load"].FirstOrDefault(), "load") ?? true;
        var idempotencyKey = PushHeaders.ReadIdempotencyKey(request);
        var maxBytes = limits.Value.MaxUploadBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBytes;
        }

        if (request.ContentLength is { } declared && declared > maxBytes)
        {
            throw MaasException.TooLarge($"the artifact is {declared} bytes, over the upload limit of {maxBytes} bytes");
        }

        var caller = request.HttpContext.GetCaller().Id;
        using var admitted = gate.Enter(caller, request.ContentLength);
        var options = new PublishOptions
        {
            Alias = string.IsNullOrEmpty(alias) ? null : alias,
            Load = load,
            MaxBytes = maxBytes,
            IdempotencyKey = idempotencyKey,
            Caller = caller,
        };
        var (record, replayed) = await publisher.PublishAsync(name, request.Body, options, cancellationToken);
        if (replayed)
        {
            // Nothing changed, so nothing is audited: the first push already was.
            request.HttpContext.Response.Headers[PushHeaders.Replayed] = "true";
            return TypedResults.Json(documents.Version(record), ManagementJsonContext.Default.VersionDocument, statusCode: StatusCodes.Status200OK);
        }

        await audit.RecordAsync(caller, "model.push", $"{record.Name}:{record.Version}", record.Sha256, CancellationToken.None);
        return TypedResults.Json(documents.Version(record), ManagementJsonContext.Default.VersionDocument, statusCode: StatusCodes.Status201Created);
    }

    private static IResult DownloadArtifact(string name, int version, ModelCatalog catalog, Maas.Storage.IBlobStore blobs)
    {
        var record = catalog.GetVersion(name, version);
        var contentType = record.Format switch
        {
            Maas.Storage.ArtifactFormat.Zip => "application/zip",
            Maas.Storage.ArtifactFormat.TarGz => "application/gzip",
            _ => "application/octet-stream",
        };
        return TypedResults.Stream(
            blobs.OpenRead(record.Sha256),
            contentType,
            fileDownloadName: null,
            entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{record.Sha256}\""),
            enableRangeProcessing: true);
    }

    private static async Task<IResult> SetAliasAsync(
        string name,
        string alias,
        HttpRequest request,
        ModelPublisher publisher,
        DocumentFactory documents,
        AuditLog audit,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ManagementJsonContext.Default.AliasRequest, "{\"version\": N}", cancellationToken);
        if (body?.Version is not { } version || version < 1)
        {
            throw MaasException.InvalidInput("the body must be {\"version\": N} with N a positive version number");
        }

        var record = await publisher.SetAliasAsync(name, alias, version, cancellationToken);
        await audit.RecordAsync(request.HttpContext.GetCaller().Id, "alias.set", $"{name}@{alias}", $"version {version}", CancellationToken.None);
        return TypedResults.Json(documents.Version(record), ManagementJsonContext.Default.VersionDocument);
    }

    private static bool? ReadBool(string? text, string parameter) => text switch
    {
        null or "" => null,
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw MaasException.InvalidInput($"query parameter '{parameter}' must be true or false, not '{text}'"),
    };
}
