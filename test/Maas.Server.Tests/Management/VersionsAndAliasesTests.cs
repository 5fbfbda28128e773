using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Maas.Server.Tests.Infrastructure;
using Maas.Testing;

namespace Maas.Server.Tests.Management;

/// <summary>Flow 6 and the registry contract: numbered versions, aliases, references, downloads, deletes.</summary>
public sealed class VersionsAndAliasesTests
{
    [Fact]
    public async Task Push_Twice_AssignsVersionTwoAndAliasesResolve()
    {
        await using var server = await MaasTestServer.StartAsync();
        var first = await Json.ReadAsync(await server.PushAsync("mlp", Expected.MlpModel));
        var cnn = File.ReadAllBytes(SharedModels.PathOf("cnn-cifar10", "model.onnx"));
        var second = await Json.ReadAsync(await server.PushAsync("mlp", cnn));
        Assert.Equal(1, first["version"]!.GetValue<int>());
        Assert.Equal(2, second["version"]!.GetValue<int>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Expected.MlpModel)), first["sha256"]!.GetValue<string>());
        Assert.Equal("ready", second["state"]!.GetValue<string>());

        using var alias = await server.Client.PutAsJsonAsync("/api/models/mlp/aliases/prod", new { version = 1 });
        Assert.Equal(HttpStatusCode.OK, alias.StatusCode);
        Assert.Equal("[\"prod\"]", (await Json.ReadAsync(alias))["aliases"]!.ToJsonString());

        // mlp@prod is the MLP (input x, 10 features); mlp:2 and bare mlp (latest) are the CNN.
        var viaAlias = await Predict(server, "mlp@prod", new JsonArray(Enumerable.Range(0, 10).Select(i => (JsonNode)JsonValue.Create(i * 0.1)).ToArray()));
        Assert.Single(viaAlias.AsArray());
        var metadataV2 = await Json.ReadAsync(await server.Client.GetAsync(new Uri("/v2/models/mlp:2", UriKind.Relative)));
        Assert.Equal("pixel_values", metadataV2["inputs"]![0]!["name"]!.GetValue<string>());
        var latest = await Json.ReadAsync(await server.Client.GetAsync(new Uri("/v2/models/mlp", UriKind.Relative)));
        Assert.Equal("pixel_values", latest["inputs"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("[\"1\",\"2\"]", latest["versions"]!.ToJsonString());
        var prod = await Json.ReadAsync(await server.Client.GetAsync(new Uri("/v2/models/mlp@prod", UriKind.Relative)));
        Assert.Equal("x", prod["inputs"]![0]!["name"]!.GetValue<string>());

        // A 'default' alias changes what the bare name means.
        using var setDefault = await server.Client.PutAsJsonAsync("/api/models/mlp/aliases/default", new { version = 1 });
        var bare = await Json.ReadAsync(await server.Client.GetAsync(new Uri("/v2/models/mlp", UriKind.Relative)));
        Assert.Equal("x", bare["inputs"]![0]!["name"]!.GetValue<string>());

        // Deleting an aliased version is refused unless forced.
        using var refused = await server.Client.DeleteAsync(new Uri("/api/models/mlp/versions/1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("prod", (await Json.ReadAsync(refused))["error"]!.GetValue<string>(), StringComparison.Ordinal);
        using var forced = await server.Client.DeleteAsync(new Uri("/api/models/mlp/versions/1?force=true", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, forced.StatusCode);
        using var gone = await server.Client.GetAsync(new Uri("/v2/models/mlp@prod", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

        // Numbers are never reused: the next push is version 3.
        var third = await Json.ReadAsync(await server.PushAsync("mlp", Expected.MlpModel));
        Assert.Equal(3, third["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Artifact_Download_IsByteIdenticalWithShaETag()
    {
        await using var server = await MaasTestServer.StartAsync();
        using var push = await server.PushAsync("mlp", Expected.MlpModel, query: "?alias=prod");
        var document = await Json.ReadAsync(push);
        Assert.Equal("[\"prod\"]", document["aliases"]!.ToJsonString());

        using var download = await server.Client.GetAsync(new Uri("/api/models/mlp/versions/1/artifact", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Expected.MlpModel, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal($"\"{document["sha256"]!.GetValue<string>()}\"", download.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Registry_SurvivesRestart_AndModelsLoadOnDemand()
    {
        using var data = new TempDirectory("maas-restart");
        await using (var server = await MaasTestServer.StartAsync(data.Path))
        {
            using var push = await server.PushAsync("mlp", Expected.MlpModel, query: "?alias=prod");
            Assert.Equal(HttpStatusCode.Created, push.StatusCode);
        }

        await using var restarted = await MaasTestServer.StartAsync(data.Path);
        var list = await Json.ReadAsync(await restarted.Client.GetAsync(new Uri("/api/models", UriKind.Relative)));
        var model = list["models"]![0]!;
        Assert.Equal("mlp", model["name"]!.GetValue<string>());
        Assert.Equal(1, model["aliases"]!["prod"]!.GetValue<int>());
        Assert.Equal("unloaded", model["versions"]![0]!["state"]!.GetValue<string>());

        var prediction = await Predict(restarted, "mlp@prod", new JsonArray(Enumerable.Range(0, 10).Select(_ => (JsonNode)JsonValue.Create(0.0)).ToArray()));
        Assert.Single(prediction.AsArray());
        var after = await Json.ReadAsync(await restarted.Client.GetAsync(new Uri("/api/models/mlp/versions/1", UriKind.Relative)));
        Assert.Equal("ready", after["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Push_ConcurrentSameName_GetsDistinctVersions()
    {
        // All six must be in flight at once to race on the numbering, so the per-key upload cap is raised to fit.
        await using var server = await MaasTestServer.StartAsync(settings: new Dictionary<string, string> { ["Limits:MaxConcurrentUploadsPerKey"] = "6" });
        var pushes = Enumerable.Range(0, 6).Select(async _ =>
        {
            using var response = await server.PushAsync("mlp", Expected.MlpModel, query: "?load=false");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await Json.ReadAsync(response))["version"]!.GetValue<int>();
        });
        var versions = await Task.WhenAll(pushes);
        Assert.Equal(Enumerable.Range(1, 6), versions.Order());
    }

    private static async Task<JsonNode> Predict(MaasTestServer server, string reference, JsonNode instance)
    {
        var body = new JsonObject { ["instances"] = new JsonArray(instance) };
        var response = await Json.PostAsync(server.Client, $"/v1/models/{reference}:predict", body);
        return response["predictions"]![0]!;
    }
}
