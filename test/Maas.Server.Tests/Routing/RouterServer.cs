using Maas.Server.Tests.Infrastructure;
using Maas.Testing;

namespace Maas.Server.Tests.Routing;

/// <summary>One real server holding a model of every kind of work: tensors (mlp), a task (sentiment), embeddings, generation (gpt2).</summary>
public sealed class RouterServer : IAsyncLifetime
{
    private MaasTestServer? _server;
    private TempDirectory? _embed;

    public MaasTestServer Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _server = await MaasTestServer.StartAsync();
        _embed = new TempDirectory("maas-embed");
        foreach (var file in Directory.GetFiles(SharedModels.PathOf("bert-tiny-sentiment")))
        {
            File.Copy(file, Path.Combine(_embed.Path, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(_embed.Path, "maas.json"), """{"model_file": "embeddings.onnx", "task": "feature-extraction"}""");
        await PushAsync("mlp", Expected.MlpModel, "application/octet-stream");
        await PushAsync("sentiment", Archives.TarGz(SharedModels.PathOf("bert-tiny-sentiment"), includeBaseDirectory: false), "application/gzip");
        await PushAsync("embed", Archives.TarGz(_embed.Path, includeBaseDirectory: false), "application/gzip");
        await PushAsync("gpt2", Archives.TarGz(SharedModels.PathOf("gpt2-tiny"), includeBaseDirectory: false), "application/gzip");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _embed?.Dispose();
    }

    private async Task PushAsync(string name, byte[] artifact, string contentType)
    {
        using var response = await Server.PushAsync(name, artifact, contentType);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"push {name} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
