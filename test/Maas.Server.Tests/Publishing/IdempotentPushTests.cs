using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Maas.Client;
using Maas.Server.Tests.Infrastructure;
using Maas.Testing;

namespace Maas.Server.Tests.Publishing;

/// <summary>Idempotency-Key on POST /api/models/{name}/versions, and the duplicate-content note, against the real server.</summary>
public sealed class IdempotentPushTests
{
    [Fact]
    public async Task Push_SameKeyTwice_SecondIsReplayOfTheFirstVersion()
    {
        await using var server = await MaasTestServer.StartAsync();

        using var first = await PushWithKeyAsync(server.Client, "mlp", Expected.MlpModel, "retry-me");
        using var second = await PushWithKeyAsync(server.Client, "mlp", Expected.MlpModel, "retry-me");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(first.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotency-Replayed")));
        Assert.Equal(1, (await Json.ReadAsync(second))["version"]!.GetValue<int>());
        var model = await Json.ReadAsync(await server.Client.GetAsync(new Uri("/api/models/mlp", UriKind.Relative)));
        Assert.Single(model["versions"]!.AsArray());

        // A new key is a new push.
        using var third = await PushWithKeyAsync(server.Client, "mlp", Expected.MlpModel, "another");
        Assert.Equal(2, (await Json.ReadAsync(third))["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Push_SameKeyOtherContent_Is409NamingTheKeyAndKeepsNothing()
    {
        await using var server = await MaasTestServer.StartAsync();
        using var first = await PushWithKeyAsync(server.Client, "mlp", Expected.MlpModel, "k1");
        var cnn = File.ReadAllBytes(SharedModels.PathOf("cnn-cifar10", "model.onnx"));

        using var conflict = await PushWithKeyAsync(server.Client, "mlp", cnn, "k1");

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var message = (await Json.ReadAsync(conflict))["error"]!.GetValue<string>();
        Assert.Contains("'k1'", message, StringComparison.Ordinal);
        Assert.Contains("different push", message, StringComparison.Ordinal);
        Assert.Single(StoredBlobs(server.DataDirectory));

        // The same key with another alias is a different request too.
        using var otherAlias = await PushWithKeyAsync(server.Client, "mlp", Expected.MlpModel, "k1", "?alias=prod");
        Assert.Equal(HttpStatusCode.Conflict, otherAlias.StatusCode);
    }

    [Fact]
    public async Task Push_SameKeyFromAnotherApiKey_IsItsOwnPush()
    {
        await using var server = await MaasTestServer.StartAsync();
        using var created = await server.Client.PostAsJsonAsync("/api/keys", new { name = "ci", scopes = new[] { "deploy" } });
        using var other = server.CreateClient((await Json.ReadAsync(created))["key"]!.GetValue<string>());

        using var mine = await PushWithKeyAsync(server.Client, "mlp", Expected.MlpModel, "shared");
        using var theirs = await PushWithKeyAsync(other, "mlp", Expected.MlpModel, "shared");

        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        Assert.Equal(2, (await Json.ReadAsync(theirs))["version"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("")]
    public async Task Push_MalformedKey_Is400BeforeReadingTheUpload(string key)
    {
        await using var server = await MaasTestServer.StartAsync();

        using var response = await PushWithKeyAsync(server.Client, "mlp", Expected.MlpModel, key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key", (await Json.ReadAsync(response))["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(StoredBlobs(server.DataDirectory));
    }

    [Fact]
    public async Task Push_SameBytesAgain_DocumentsSayWhichVersionsShareTheContent()
    {
        await using var server = await MaasTestServer.StartAsync();
        using var first = await server.PushAsync("mlp", Expected.MlpModel);
        Assert.Equal("[]", (await Json.ReadAsync(first))["same_content_as"]!.ToJsonString());

        using var second = await server.PushAsync("mlp", Expected.MlpModel);
        using var otherModel = await server.PushAsync("other", Expected.MlpModel);

        Assert.Equal("[1]", (await Json.ReadAsync(second))["same_content_as"]!.ToJsonString());
        Assert.Equal("[]", (await Json.ReadAsync(otherModel))["same_content_as"]!.ToJsonString());
        var v1 = await Json.ReadAsync(await server.Client.GetAsync(new Uri("/api/models/mlp/versions/1", UriKind.Relative)));
        Assert.Equal("[2]", v1["same_content_as"]!.ToJsonString());
    }

    [Fact]
    public async Task ClientPush_AnswerLostAfterCommit_RetriesWithTheSameKeyAndMakesOneVersion()
    {
        await using var server = await MaasTestServer.StartAsync();
        using var handler = new DropFirstAnswerHandler { InnerHandler = new SocketsHttpHandler() };
        using var client = new MaasClient(server.BaseAddress, server.AdminKey, handler);

        var version = await client.PushAsync(SharedModels.PathOf("mlp-regression", "model.onnx"), "mlp", new PushOptions());

        Assert.Equal(2, handler.Keys.Count);
        Assert.Equal(handler.Keys[0], handler.Keys[1]);
        Assert.True(version.Replayed);
        Assert.Equal(1, version.Version);
        var model = await client.GetModelAsync("mlp");
        Assert.Single(model.Versions);
    }

    [Fact]
    public async Task CliPush_SameFileTwice_SaysWhichVersionHasTheSameContent()
    {
        await using var server = await MaasTestServer.StartAsync();
        string[] push = ["push", SharedModels.PathOf("mlp-regression", "model.onnx"), "--name", "mlp", "--server", server.BaseAddress.ToString(), "--api-key", server.AdminKey];

        var first = await CliRunner.RunAsync(push);
        var second = await CliRunner.RunAsync(push);
        var replay = await CliRunner.RunAsync([.. push, "--idempotency-key", "ci-run-7"]);
        var replayAgain = await CliRunner.RunAsync([.. push, "--idempotency-key", "ci-run-7"]);

        Assert.True(second.ExitCode == 0, second.Error);
        Assert.DoesNotContain("same content", first.Out, StringComparison.Ordinal);
        Assert.Contains("note: same content as mlp:1", second.Out, StringComparison.Ordinal);
        Assert.Contains("mlp:3", replay.Out, StringComparison.Ordinal);
        Assert.Contains("mlp:3", replayAgain.Out, StringComparison.Ordinal);
        Assert.Contains("no new version was made", replayAgain.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("no new version was made", replay.Out, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PushWithKeyAsync(HttpClient client, string name, byte[] artifact, string key, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/models/{name}/versions{query}", UriKind.Relative))
        {
            Content = new ByteArrayContent(artifact),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private static string[] StoredBlobs(string data)
    {
        var store = Path.Combine(data, "blobs", "sha256");
        return Directory.Exists(store) ? Directory.GetFiles(store, "*", SearchOption.AllDirectories) : [];
    }

    /// <summary>Lets the first push reach the server and commit, then loses its answer, as a dropped connection would.</summary>
    private sealed class DropFirstAnswerHandler : DelegatingHandler
    {
        public List<string> Keys { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.TryGetValues("Idempotency-Key", out var keys))
            {
                Keys.Add(keys.Single());
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (Keys.Count == 1 && request.Method == HttpMethod.Post)
            {
                response.Dispose();
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "the connection dropped before the answer arrived");
            }

            return response;
        }
    }
}
