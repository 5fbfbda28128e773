using System.Net;
using System.Text.Json.Nodes;
using Maas.Server.Tests.Infrastructure;
using Maas.Testing;

namespace Maas.Server.Tests.Pipelines;

/// <summary>
/// One real server for the pipeline tests, with every task fixture pushed as a folder: bert-tiny-sentiment
/// (<c>sentiment</c>), its embeddings model served through maas.json (<c>embed</c>), bert-tiny-ner (<c>ner</c>) and
/// cnn-cifar10 (<c>cifar</c>), plus mlp-regression as a plain tensor model (<c>mlp</c>).
/// </summary>
public sealed class PipelineServerFixture : IAsyncLifetime
{
    private readonly TempDirectory _embeddingsFolder = new("maas-embeddings");
    private MaasTestServer? _server;

    public MaasTestServer Server => _server ?? throw new InvalidOperationException("the fixture is not started");

    public HttpClient Client => Server.Client;

    public Dictionary<string, JsonNode> Versions { get; } = [];

    public async Task InitializeAsync()
    {
        _server = await MaasTestServer.StartAsync();
        await PushFolderAsync("sentiment", SharedModels.PathOf("bert-tiny-sentiment"));
        await PushFolderAsync("ner", SharedModels.PathOf("bert-tiny-ner"));
        await PushFolderAsync("cifar", SharedModels.PathOf("cnn-cifar10"));

        // What a user does to serve the second ONNX file of the folder: copy it and name the file and task.
        foreach (var file in Directory.GetFiles(SharedModels.PathOf("bert-tiny-sentiment")))
        {
            File.Copy(file, _embeddingsFolder.Combine(Path.GetFileName(file)));
        }

        await File.WriteAllTextAsync(_embeddingsFolder.Combine("maas.json"), """{"model_file": "embeddings.onnx", "task": "feature-extraction"}""");
        await PushFolderAsync("embed", _embeddingsFolder.Path);

        using var mlp = await Server.PushAsync("mlp", Expected.MlpModel);
        Assert.Equal(HttpStatusCode.Created, mlp.StatusCode);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _embeddingsFolder.Dispose();
    }

    private async Task PushFolderAsync(string name, string folder)
    {
        using var response = await Server.PushAsync(name, Archives.TarGz(folder, includeBaseDirectory: false), "application/gzip");
        var body = await Json.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"push {name}: {(int)response.StatusCode} {body.ToJsonString()}");
        Versions[name] = body;
    }
}

[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelineServerFixture>
{
    public const string Name = "pipelines";
}
