using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maas.Llm.Scheduling;
using Maas.Server.Tests.Infrastructure;
using Maas.Testing;

namespace Maas.Server.Tests.OpenAi;

/// <summary>One real server with the real gpt2-tiny folder pushed as tar.gz (model "gpt2"), shared by the OpenAI tests.</summary>
public sealed class Gpt2TinyServer : IAsyncLifetime
{
    public const string Model = "gpt2";

    private MaasTestServer? _server;

    public MaasTestServer Server => _server ?? throw new InvalidOperationException("not started");

    public HttpClient Client => Server.Client;

    public static JsonNode Expected => Infrastructure.Expected.Load("gpt2-tiny");

    public async Task InitializeAsync()
    {
        _server = await MaasTestServer.StartAsync();
        using var push = await _server.PushAsync(Model, Archives.TarGz(SharedModels.PathOf("gpt2-tiny"), includeBaseDirectory: false), "application/gzip");
        var body = await push.Content.ReadAsStringAsync();
        if (!push.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"push failed: {(int)push.StatusCode} {body}");
        }

        using var mlp = await _server.PushAsync("mlp", Infrastructure.Expected.MlpModel);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>The engine's scheduler state, read through a lease like a request would.</summary>
    public async Task<SchedulerSnapshot> SnapshotAsync()
    {
        return (await LoadedEngines.LeaseEngineAsync(Server.Services, Model)).Snapshot();
    }

    public async Task<(int Status, JsonNode Body)> PostAsync(string path, JsonNode body)
    {
        using var response = await Client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)!);
    }
}

[CollectionDefinition(Name)]
public sealed class Gpt2TinyCollection : ICollectionFixture<Gpt2TinyServer>
{
    public const string Name = "gpt2-tiny server";
}
