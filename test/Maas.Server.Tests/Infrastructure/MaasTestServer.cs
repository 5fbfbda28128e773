using System.Net.Http.Headers;
using Maas.Testing;
using Microsoft.AspNetCore.Builder;

namespace Maas.Server.Tests.Infrastructure;

/// <summary>The real server (Kestrel on a loopback port, SQLite and blobs in a temp folder), in-process.</summary>
public sealed class MaasTestServer : IAsyncDisposable
{
    private readonly TempDirectory? _ownedData;
    private readonly WebApplication _app;

    private MaasTestServer(WebApplication app, string dataDirectory, TempDirectory? ownedData)
    {
        _app = app;
        _ownedData = ownedData;
        DataDirectory = dataDirectory;
        BaseAddress = new Uri(app.Urls.First());
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public string DataDirectory { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a server; pass a data folder to restart on an existing one.</summary>
    public static async Task<MaasTestServer> StartAsync(string? dataDirectory = null, IDictionary<string, string>? settings = null)
    {
        var owned = dataDirectory is null ? new TempDirectory("maas-server") : null;
        var data = dataDirectory ?? owned!.Path;
        var args = settings?.Select(kv => $"--Maas:{kv.Key}={kv.Value}").ToArray() ?? [];
        var app = MaasServerHost.Build(new MaasServerOptions { DataDirectory = data, Urls = "http://127.0.0.1:0" }, args);
        await app.StartAsync();
        return new MaasTestServer(app, data, owned);
    }

    /// <summary>Pushes a file or raw bytes as a new version and returns the response.</summary>
    public async Task<HttpResponseMessage> PushAsync(string name, byte[] artifact, string contentType = "application/octet-stream", string query = "")
    {
        using var content = new ByteArrayContent(artifact);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await Client.PostAsync(new Uri($"/api/models/{name}/versions{query}", UriKind.Relative), content);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _ownedData?.Dispose();
    }
}
