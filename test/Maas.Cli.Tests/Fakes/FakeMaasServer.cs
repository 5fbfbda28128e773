using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Maas.Cli.Tests.Fakes;

/// <summary>
/// A real Kestrel on a loopback port with just enough of the Maas routes to exercise the client: it records
/// uploads, knows one model ("mlp": versions 1 and 2, prod → 1) and answers errors the way the server does.
/// </summary>
public sealed class FakeMaasServer : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri Address { get; private set; } = new("http://127.0.0.1:1/");

    internal ConcurrentDictionary<string, RecordedUpload> Uploads { get; } = new();

    internal ConcurrentQueue<(string Reference, string Body)> Predictions { get; } = new();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        Map(_app);
        await _app.StartAsync();
        Address = new Uri(_app.Urls.First());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    internal static string VersionDocument(string name, int version, string sha256 = "ab12cd34ef56ab12cd34ef56", long size = 20480, string state = "ready", string aliases = "[]") =>
        $$"""
        {"name":"{{name}}","version":{{version}},"sha256":"{{sha256}}","size":{{size}},"format":"onnx",
         "created":"2026-11-23T07:00:00Z","task":"tensor","platform":"onnxruntime_onnx","model_file":"model.onnx",
         "inputs":[{"name":"x","datatype":"FP32","shape":[-1,10]}],"outputs":[{"name":"y","datatype":"FP32","shape":[-1,1]}],
         "aliases":{{aliases}},"state":"{{state}}","error":{{(state == "failed" ? "\"bad graph\"" : "null")}}}
        """;

    internal static string MlpDocument() =>
        $$"""
        {"name":"mlp","created":"2026-11-23T07:00:00Z","aliases":{"prod":1,"latest":2},
         "versions":[{{VersionDocument("mlp", 1, aliases: "[\"prod\"]")}},{{VersionDocument("mlp", 2, state: "loading", aliases: "[\"latest\"]")}}]}
        """;

    private static IResult Json(string body, int status = 200) => Results.Text(body, "application/json", statusCode: status);

    private static IResult Error(int status, string message) =>
        Json(new JsonObject { ["error"] = message }.ToJsonString(), status);

    private void Map(WebApplication app)
    {
        app.MapPost("/api/models/{name}/versions", async (string name, HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            Uploads[name] = new RecordedUpload(
                name, request.ContentType, request.ContentLength, body, request.Query["alias"], request.Headers.Authorization);
            if (name == "broken")
            {
                return Error(422, "the artifact is not a valid ONNX model: no graph");
            }

            var sha = Convert.ToHexStringLower(SHA256.HashData(body));
            var state = name == "unloadable" ? "failed" : "ready";
            return Json(VersionDocument(name, 1, sha, body.Length, state), 201);
        });

        app.MapGet("/api/models", () => Json($$"""{"models":[{{MlpDocument()}}]}"""));
        app.MapGet("/api/models/{name}", (string name) =>
            name == "mlp" ? Json(MlpDocument()) : Error(404, $"model '{name}' not found"));
        app.MapGet("/api/models/{name}/versions/{version:int}", (string name, int version) =>
            name == "mlp" && version is 1 or 2 ? Json(VersionDocument(name, version)) : Error(404, $"model '{name}' has no version {version}"));
        app.MapDelete("/api/models/{name}", (string name) =>
            name == "html" ? Results.Text("<html><body>Bad Gateway</body></html>", "text/html", statusCode: 502) : Results.NoContent());
        app.MapDelete("/api/models/{name}/versions/{version:int}", (string name, int version, bool? force) =>
            version == 1 && force != true ? Error(409, $"version {version} of '{name}' is in use by alias 'prod'") : Results.NoContent());
        app.MapPut("/api/models/{name}/aliases/{alias}", async (string name, string alias, HttpRequest request) =>
        {
            var body = await JsonNode.ParseAsync(request.Body);
            var version = body?["version"]?.GetValue<int>() ?? 0;
            return Json(VersionDocument(name, version, aliases: $"[\"{alias}\"]"));
        });
        app.MapPost("/v1/models/{reference}", async (string reference, HttpRequest request) =>
        {
            var body = await JsonNode.ParseAsync(request.Body);
            Predictions.Enqueue((reference, body?.ToJsonString() ?? ""));
            return body?["instances"] is JsonArray instances
                ? Json(new JsonObject { ["predictions"] = instances.DeepClone(), ["count"] = instances.Count }.ToJsonString())
                : Error(400, "the body needs an 'instances' array");
        });
        app.MapGet("/v2/health/ready", () => Results.Ok());
    }
}
