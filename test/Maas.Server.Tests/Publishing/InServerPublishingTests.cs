using System.Net;
using Maas.Errors;
using Maas.Runtime.Publishing;
using Maas.Server.Tests.Infrastructure;
using Maas.Storage;
using Maas.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Maas.Server.Tests.Publishing;

/// <summary>
/// ModelPublisher's entries for producers inside the server (training, optimisation): a folder or a stream becomes a
/// version the API serves, with the validation and atomicity of an HTTP upload.
/// </summary>
public sealed class InServerPublishingTests
{
    [Fact]
    public async Task PublishFolder_CifarFolder_IsServedAsTarGzAndRepublishingStoresTheSameBlob()
    {
        await using var server = await MaasTestServer.StartAsync();
        var publisher = server.Services.GetRequiredService<ModelPublisher>();

        var first = await publisher.PublishFolderAsync("cifar", SharedModels.PathOf("cnn-cifar10"), new PublishOptions { Alias = "prod" }, CancellationToken.None);
        var second = await publisher.PublishFolderAsync("cifar", SharedModels.PathOf("cnn-cifar10"), new PublishOptions(), CancellationToken.None);

        Assert.Equal(ArtifactFormat.TarGz, first.Version.Format);
        Assert.Equal("image-classification", first.Version.Task);
        Assert.Equal(first.Version.Sha256, second.Version.Sha256);
        Assert.Equal(2, second.Version.Version);
        Assert.Single(StoredBlobs(server.DataDirectory));

        var document = await Json.ReadAsync(await server.Client.GetAsync(new Uri("/api/models/cifar/versions/2", UriKind.Relative)));
        Assert.Equal("tar.gz", document["format"]!.GetValue<string>());
        Assert.Equal("ready", document["state"]!.GetValue<string>());
        Assert.Equal("[1]", document["same_content_as"]!.ToJsonString());
        using var metadata = await server.Client.GetAsync(new Uri("/v2/models/cifar@prod", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
    }

    [Fact]
    public async Task PublishStream_WithIdempotencyKey_RepeatReturnsTheFirstVersion()
    {
        await using var server = await MaasTestServer.StartAsync();
        var publisher = server.Services.GetRequiredService<ModelPublisher>();
        var options = new PublishOptions { IdempotencyKey = "job-42:epoch-3", Caller = "training" };

        PublishedVersion first;
        await using (var stream = File.OpenRead(SharedModels.PathOf("mlp-regression", "model.onnx")))
        {
            first = await publisher.PublishStreamAsync("mlp", stream, ArtifactFormat.Onnx, options, CancellationToken.None);
        }

        await using var again = File.OpenRead(SharedModels.PathOf("mlp-regression", "model.onnx"));
        var second = await publisher.PublishStreamAsync("mlp", again, ArtifactFormat.Onnx, options, CancellationToken.None);

        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(1, second.Version.Version);
        var model = await Json.ReadAsync(await server.Client.GetAsync(new Uri("/api/models/mlp", UriKind.Relative)));
        Assert.Single(model["versions"]!.AsArray());
    }

    [Fact]
    public async Task PublishStream_ContentNotOfTheDeclaredFormat_IsInvalidModelAndLeavesNothing()
    {
        await using var server = await MaasTestServer.StartAsync();
        var publisher = server.Services.GetRequiredService<ModelPublisher>();

        await using var stream = File.OpenRead(SharedModels.PathOf("mlp-regression", "model.onnx"));
        var error = await Assert.ThrowsAsync<MaasException>(() =>
            publisher.PublishStreamAsync("mlp", stream, ArtifactFormat.TarGz, new PublishOptions(), CancellationToken.None));

        Assert.Equal(ErrorKind.InvalidModel, error.Kind);
        Assert.Contains("declared as a tar.gz archive", error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(server, "mlp");
    }

    [Fact]
    public async Task PublishFolder_BrokenModel_IsInvalidModelAndLeavesNoBlobOrExtraction()
    {
        await using var server = await MaasTestServer.StartAsync();
        var publisher = server.Services.GetRequiredService<ModelPublisher>();
        using var folder = new TempDirectory("maas-broken-model");
        await File.WriteAllTextAsync(folder.Combine("model.onnx"), "this is not a protobuf");
        await File.WriteAllTextAsync(folder.Combine("config.json"), "{}");

        var error = await Assert.ThrowsAsync<MaasException>(() =>
            publisher.PublishFolderAsync("broken", folder.Path, new PublishOptions(), CancellationToken.None));

        Assert.Equal(ErrorKind.InvalidModel, error.Kind);
        await AssertNothingStoredAsync(server, "broken");
        var extracted = Path.Combine(server.DataDirectory, "models");
        Assert.True(!Directory.Exists(extracted) || !Directory.EnumerateFileSystemEntries(extracted).Any(), "an extraction was left behind");
    }

    [Fact]
    public async Task PublishFolder_MissingOrEmptyFolder_IsRefusedBeforeStoringAnything()
    {
        await using var server = await MaasTestServer.StartAsync();
        var publisher = server.Services.GetRequiredService<ModelPublisher>();
        using var empty = new TempDirectory("maas-empty-model");

        var missing = await Assert.ThrowsAsync<MaasException>(() =>
            publisher.PublishFolderAsync("m", empty.Combine("nope"), new PublishOptions(), CancellationToken.None));
        var nothing = await Assert.ThrowsAsync<MaasException>(() =>
            publisher.PublishFolderAsync("m", empty.Path, new PublishOptions(), CancellationToken.None));

        Assert.Equal(ErrorKind.InvalidInput, missing.Kind);
        Assert.Equal(ErrorKind.InvalidModel, nothing.Kind);
        await AssertNothingStoredAsync(server, "m");
    }

    [Fact]
    public async Task PublishFolder_OverMaxBytes_IsTooLargeAndTheTempFileIsGone()
    {
        await using var server = await MaasTestServer.StartAsync();
        var publisher = server.Services.GetRequiredService<ModelPublisher>();

        var error = await Assert.ThrowsAsync<MaasException>(() =>
            publisher.PublishFolderAsync("cifar", SharedModels.PathOf("cnn-cifar10"), new PublishOptions { MaxBytes = 4096 }, CancellationToken.None));

        Assert.Equal(ErrorKind.TooLarge, error.Kind);
        await AssertNothingStoredAsync(server, "cifar");
    }

    private static async Task AssertNothingStoredAsync(MaasTestServer server, string name)
    {
        using var missing = await server.Client.GetAsync(new Uri($"/api/models/{name}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Empty(StoredBlobs(server.DataDirectory));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(server.DataDirectory, "blobs", "tmp")));
    }

    private static string[] StoredBlobs(string data)
    {
        var store = Path.Combine(data, "blobs", "sha256");
        return Directory.Exists(store) ? Directory.GetFiles(store, "*", SearchOption.AllDirectories) : [];
    }
}
