using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Maas.Cli.Commands;
using Maas.Cli.Tests.Fakes;
using Maas.Client;
using Maas.Testing;
using Xunit;

namespace Maas.Cli.Tests.Client;

public sealed class MaasClientTests(FakeMaasServer server) : IClassFixture<FakeMaasServer>
{
    [Fact]
    public async Task PushAsync_OnnxFile_ServerReceivesWholeFileAsOctetStreamAndProgressReachesTotal()
    {
        var file = SharedModels.PathOf("cnn-cifar10", "model.onnx");
        var expected = await File.ReadAllBytesAsync(file);
        var reports = new List<UploadProgress>();
        using var client = new MaasClient(server.Address);

        var version = await client.PushAsync(file, "cnn-file", progress: new InlineProgress<UploadProgress>(reports.Add));

        var upload = server.Uploads["cnn-file"];
        Assert.Equal("application/octet-stream", upload.ContentType);
        Assert.Equal(expected.Length, upload.ContentLength);
        Assert.Equal(expected, upload.Body);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected)), version.Sha256);
        Assert.Equal(new UploadProgress(expected.Length, expected.Length), reports[^1]);
        Assert.True(reports.Count > 2, "a 0.6 MB upload should report more than start and end");
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.BytesSent <= p.Second.BytesSent), "progress went backwards");
    }

    [Fact]
    public async Task PushAsync_Folder_ServerReceivesTarGzOfTheFolder()
    {
        var folder = SharedModels.PathOf("mlp-regression");
        using var client = new MaasClient(server.Address);

        await client.PushAsync(folder, "mlp-folder");

        var upload = server.Uploads["mlp-folder"];
        Assert.Equal("application/gzip", upload.ContentType);
        var entries = TarGz.Read(new MemoryStream(upload.Body));
        var files = TarGz.FilesOf(folder);
        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(files["model.onnx"], entries["model.onnx"].Data);
    }

    [Fact]
    public async Task PushAsync_AliasAndApiKey_SentAsQueryAndBearerToken()
    {
        using var client = new MaasClient(server.Address, apiKey: "sk-test");

        await client.PushAsync(SharedModels.PathOf("mlp-regression", "model.onnx"), "mlp-alias", alias: "prod");

        var upload = server.Uploads["mlp-alias"];
        Assert.Equal("prod", upload.Alias);
        Assert.Equal("Bearer sk-test", upload.Authorization);
    }

    [Fact]
    public async Task PushAsync_ServerRejectsArtifact_ThrowsWithServerMessageAndStatus()
    {
        using var client = new MaasClient(server.Address);

        var error = await Assert.ThrowsAsync<MaasApiException>(
            () => client.PushAsync(SharedModels.PathOf("mlp-regression", "model.onnx"), "broken"));

        Assert.Equal(422, error.StatusCode);
        Assert.Equal("the artifact is not a valid ONNX model: no graph", error.Message);
    }

    [Fact]
    public async Task PushAsync_InvalidName_ThrowsBeforeUploading()
    {
        using var client = new MaasClient(server.Address);

        await Assert.ThrowsAsync<ArgumentException>(
            () => client.PushAsync(SharedModels.PathOf("mlp-regression", "model.onnx"), "Bad Name"));
        Assert.False(server.Uploads.ContainsKey("Bad Name"));
    }

    [Fact]
    public async Task GetModelAsync_UnknownModel_ThrowsWithServerMessageAnd404()
    {
        using var client = new MaasClient(server.Address);

        var error = await Assert.ThrowsAsync<MaasApiException>(() => client.GetModelAsync("nope"));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("model 'nope' not found", error.Message);
    }

    [Fact]
    public async Task DeleteModelAsync_NonJsonErrorBody_FallsBackToStatusLine()
    {
        using var client = new MaasClient(server.Address);

        var error = await Assert.ThrowsAsync<MaasApiException>(() => client.DeleteModelAsync("html"));

        Assert.Equal(502, error.StatusCode);
        Assert.Equal("the server answered 502 Bad Gateway", error.Message);
    }

    [Fact]
    public async Task DeleteVersionAsync_AliasedVersion_RefusedUnlessForced()
    {
        using var client = new MaasClient(server.Address);

        var error = await Assert.ThrowsAsync<MaasApiException>(() => client.DeleteVersionAsync("mlp", 1));
        await client.DeleteVersionAsync("mlp", 1, force: true);

        Assert.Equal(409, error.StatusCode);
    }

    [Fact]
    public async Task ListModelsAsync_ModelDocuments_ParsedWithAliasesAndSignature()
    {
        using var client = new MaasClient(server.Address);

        var models = await client.ListModelsAsync();

        var mlp = Assert.Single(models);
        Assert.Equal(1, mlp.Aliases["prod"]);
        Assert.Equal([1, 2], mlp.Versions.Select(v => v.Version));
        var first = mlp.Versions[0];
        Assert.Equal("model.onnx", first.ModelFile);
        Assert.Equal([-1L, 10L], first.Inputs[0].Shape);
        Assert.Equal("FP32", first.Outputs[0].Datatype);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero), first.Created);
    }

    [Fact]
    public async Task GetVersionAsync_AliasReference_ResolvesThroughModelDocument()
    {
        using var client = new MaasClient(server.Address);

        var version = await client.GetVersionAsync(ModelReference.Parse("mlp@latest"));

        Assert.Equal(2, version.Version);
        Assert.Equal("loading", version.State);
    }

    [Fact]
    public async Task SetAliasAsync_Version_SendsVersionInBody()
    {
        using var client = new MaasClient(server.Address);

        var version = await client.SetAliasAsync("mlp", "prod", 2);

        Assert.Equal(2, version.Version);
        Assert.Equal(["prod"], version.Aliases);
    }

    [Fact]
    public async Task PredictAsync_AliasReference_PostsInstancesToReferenceRoute()
    {
        using var client = new MaasClient(server.Address);
        JsonArray instances = [new JsonArray(0.5, 1.5)];

        var response = await client.PredictAsync("mlp@prod", instances);

        Assert.Equal("[[0.5,1.5]]", response["predictions"]!.ToJsonString());
        Assert.Contains(server.Predictions, p => p.Reference == "mlp@prod:predict" && p.Body == """{"instances":[[0.5,1.5]]}""");
    }

    [Fact]
    public async Task ListModelsAsync_ClosedPort_ThrowsCannotReachWithStatusZero()
    {
        var address = ClosedPort.Address();
        using var client = new MaasClient(address);

        var error = await Assert.ThrowsAsync<MaasApiException>(() => client.ListModelsAsync());

        Assert.Equal(0, error.StatusCode);
        Assert.Equal($"cannot reach the server at {address.ToString().TrimEnd('/')} (is `maas serve` running?)", error.Message);
    }

    [Fact]
    public async Task IsReadyAsync_RunningAndClosedServer_TrueThenFalse()
    {
        using var running = new MaasClient(server.Address);
        using var closed = new MaasClient(ClosedPort.Address());

        Assert.True(await running.IsReadyAsync());
        Assert.False(await closed.IsReadyAsync());
    }

    [Fact]
    public void Constructor_BaseWithPath_KeepsPathForRelativeRoutes()
    {
        using var client = new MaasClient(new Uri("http://example.test/maas"));

        Assert.Equal("http://example.test/maas/", client.BaseAddress.ToString());
    }
}
