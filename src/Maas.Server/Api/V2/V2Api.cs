using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Maas.Errors;
using Maas.Models;
using Maas.Routing;
using Maas.Runtime.Catalog;
using Maas.Runtime.Loading;
using Maas.Security.Keys;
using Maas.Server.Api.Management;
using Maas.Server.Auth;
using Maas.Server.Hosting;
using Maas.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Maas.Server.Api.V2;

/// <summary>KServe Open Inference Protocol V2 over REST, with Triton's binary tensor and repository extensions.</summary>
internal static class V2Api
{
    private static readonly string[] Extensions = ["binary_tensor_data", "model_repository", "parameters"];

    public static IEndpointRouteBuilder MapV2Api(this IEndpointRouteBuilder routes)
    {
        var health = routes.MapGroup("/v2").AllowAnyone();
        health.MapGet("/health/live", () => TypedResults.Ok());
        health.MapGet("/health/ready", () => TypedResults.Ok());
        health.MapGet("/", () => TypedResults.Json(
            new ServerMetadataDocument("maas", ServerVersion, Extensions), V2JsonContext.Default.ServerMetadataDocument));

        var v2 = routes.MapGroup("/v2").RequireScope(Scope.Infer);
        var repository = routes.MapGroup("/v2/repository").RequireScope(Scope.Deploy);

        v2.MapGet("/models/{name}", (string name, HttpContext context, ModelRouter router, ModelCatalog catalog, ModelLoader loader) =>
            Metadata(catalog, loader, Resolve(context, router, name, null)));
        v2.MapGet("/models/{name}/versions/{version}", (string name, string version, HttpContext context, ModelRouter router, ModelCatalog catalog, ModelLoader loader) =>
            Metadata(catalog, loader, Resolve(context, router, name, version)));
        v2.MapGet("/models/{name}/ready", (string name, HttpContext context, ModelRouter router, ModelLoader loader) =>
            Ready(loader, Resolve(context, router, name, null)));
        v2.MapGet("/models/{name}/versions/{version}/ready", (string name, string version, HttpContext context, ModelRouter router, ModelLoader loader) =>
            Ready(loader, Resolve(context, router, name, version)));
        v2.MapGet("/models/{name}/stats", (string name, HttpContext context, ModelRouter router, ModelCatalog catalog, ModelLoader loader) =>
            Stats(loader, catalog.Get(Resolve(context, router, name, null).Name).Versions));
        v2.MapGet("/models/{name}/versions/{version}/stats", (string name, string version, HttpContext context, ModelRouter router, ModelLoader loader) =>
            Stats(loader, [Resolve(context, router, name, version).Version]));
        v2.MapPost("/models/{name}/infer", (string name, HttpContext context, ModelRouter router, IOptions<ServerLimits> limits) =>
            InferAsync(context, Resolve(context, router, name, null), router, limits.Value));
        v2.MapPost("/models/{name}/versions/{version}/infer", (string name, string version, HttpContext context, ModelRouter router, IOptions<ServerLimits> limits) =>
            InferAsync(context, Resolve(context, router, name, version), router, limits.Value));

        repository.MapPost("/index", (HttpContext context, ModelCatalog catalog, ModelLoader loader) => TypedResults.Json(
            catalog.Models.Where(m => context.GetCaller().CanUseModel(m.Name)).OrderBy(m => m.Name, StringComparer.Ordinal)
                .SelectMany(m => m.Versions.Select(v => IndexEntry(v, loader.GetStatus(v.Name, v.Version))))
                .ToArray(),
            V2JsonContext.Default.RepositoryIndexEntryArray));
        repository.MapPost("/models/{name}/load", async (string name, HttpRequest request, ModelRouter router, ModelLoader loader, CancellationToken ct) =>
        {
            var target = Resolve(request.HttpContext, router, name, null);
            await loader.LoadAsync(target.Version, await ReadLoadParametersAsync(request, ct), ct);
            return TypedResults.Ok();
        });
        repository.MapPost("/models/{name}/unload", (string name, ModelCatalog catalog, ModelLoader loader) =>
        {
            foreach (var version in catalog.Get(name).Versions)
            {
                loader.Unload(version.Name, version.Version);
            }

            return TypedResults.Ok();
        });
        return routes;
    }

    private static string ServerVersion { get; } =
        typeof(V2Api).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The name segment may also be a reference (<c>mlp@prod</c>); the version segment wins when present.</summary>
    private static RoutedModel Resolve(HttpContext context, ModelRouter router, string name, string? version)
    {
        if (!ModelReference.TryParse(name, out var reference, out var error))
        {
            throw MaasException.NotFound(error);
        }

        if (version is null)
        {
            return router.Resolve(context.GetCaller(), reference);
        }

        return int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? router.Resolve(context.GetCaller(), reference.Name, number)
            : throw MaasException.NotFound($"model '{reference.Name}' has no version '{version}'; versions are positive integers");
    }

    private static IResult Metadata(ModelCatalog catalog, ModelLoader loader, RoutedModel target)
    {
        var record = target.Version;
        var versions = catalog.Get(record.Name).Versions.Select(v => v.Version.ToString(CultureInfo.InvariantCulture)).ToArray();
        return TypedResults.Json(
            new ModelMetadataDocument(
                record.Name,
                versions,
                loader.Platform,
                record.Signature.Inputs.Select(TensorDocument.From).ToArray(),
                record.Signature.Outputs.Select(TensorDocument.From).ToArray()),
            V2JsonContext.Default.ModelMetadataDocument);
    }

    private static IResult Ready(ModelLoader loader, RoutedModel target)
    {
        var record = target.Version;
        var ready = loader.GetStatus(record.Name, record.Version).State == ModelState.Ready;
        // The status code is the answer (200 ready, 400 not); the body is for people.
        return TypedResults.Json(
            new ModelReadyDocument(record.Name, ready),
            V2JsonContext.Default.ModelReadyDocument,
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    /// <summary>
    /// Triton's <c>/stats</c>: without a version, every version of the model; counts cover the version's current load
    /// (an unloaded version shows zeros). A batch size is the number of requests one engine run carried.
    /// </summary>
    private static IResult Stats(ModelLoader loader, IReadOnlyList<ModelVersionRecord> versions)
    {
        var stats = versions.Select(v =>
        {
            var history = loader.FindRunner(v.Name, v.Version)?.History;
            return new ModelStats(
                v.Name,
                v.Version.ToString(CultureInfo.InvariantCulture),
                loader.GetStatus(v.Name, v.Version).StateName,
                history?.Requests ?? 0,
                history?.Batches ?? 0,
                history?.RunsBySize().Select(kv => new BatchStats(kv.Key, new StatDuration(kv.Value))).ToArray() ?? []);
        }).ToArray();
        return TypedResults.Json(new ModelStatsDocument(stats), V2JsonContext.Default.ModelStatsDocument);
    }

    private static RepositoryIndexEntry IndexEntry(ModelVersionRecord version, ModelStatus status) => new(
        version.Name,
        version.Version.ToString(CultureInfo.InvariantCulture),
        status.State switch
        {
            ModelState.Ready => "READY",
            ModelState.Loading => "LOADING",
            ModelState.Failed => "UNAVAILABLE",
            _ => "UNLOADED",
        },
        status.Error ?? "");

    /// <summary>An optional body <c>{"parameters": {"max_batch_size": 8, "instances": 2}}</c> overrides serving settings.</summary>
    private static async Task<IReadOnlyDictionary<string, object>?> ReadLoadParametersAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = await RequestBody.ReadAsync(request, 64 * 1024, cancellationToken);
        if (body.Memory.IsEmpty)
        {
            return null;
        }

        using var document = JsonBody.Parse(body.Memory, "a JSON object");
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? V2Parameters.Read(document.RootElement, "parameters")
            : throw MaasException.InvalidInput("the load body must be a JSON object, e.g. {\"parameters\": {\"max_batch_size\": 8}}");
    }

    private static async Task InferAsync(HttpContext context, RoutedModel target, ModelRouter router, ServerLimits limits)
    {
        var request = context.Request;
        int? headerLength = null;
        if (request.Headers.TryGetValue(V2ResponseWriter.HeaderLengthName, out var header))
        {
            headerLength = int.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw MaasException.InvalidInput($"header '{V2ResponseWriter.HeaderLengthName}' must be a non-negative integer, not '{header}'");
        }

        using var body = await RequestBody.ReadAsync(request, limits.MaxInferenceBodyBytes, context.RequestAborted);
        var call = V2RequestReader.Read(body.Memory, headerLength, limits.MaxTensorElements);
        using var inferenceRequest = call.Request;
        if (V2TaskInfer.Applies(target.Version, inferenceRequest))
        {
            await V2TaskInfer.InferAsync(context, target, call, router);
            return;
        }

        using var response = await router.InferAsync(target, inferenceRequest, context.RequestAborted);
        await V2ResponseWriter.WriteAsync(context.Response, target.Name, target.Version.Version, call, response);
    }
}
