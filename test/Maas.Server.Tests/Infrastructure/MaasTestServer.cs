using System.Net.Http.Headers;
using Maas.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Maas.Server.Tests.Infrastructure;

/// <summary>The real server (Kestrel on a loopback port, SQLite and blobs in a temp folder), in-process.</summary>
public sealed class MaasTestServer : IAsyncDisposable
{
    private readonly TempDirectory? _ownedData;
    private readonly WebApplication _app;

    private MaasTestServer(WebApplication app, string dataDirectory, TempDirectory? ownedData, string adminKey)
    {
        _app = app;
        _ownedData = ownedData;
        DataDirectory = dataDirectory;
        AdminKey = adminKey;
        BaseAddress = new Uri(app.Urls.First());
        Client = CreateClient(adminKey);
    }

    /// <summary>The admin key the server was started with (MAAS_ADMIN_KEY); <see cref="Client"/> sends it.</summary>
    public string AdminKey { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public string DataDirectory { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>A client of its own, sending <paramref name="apiKey"/> as a bearer token (none when null).</summary>
    public HttpClient CreateClient(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>Starts a server; pass a data folder to restart on an existing one.</summary>
    public static async Task<MaasTestServer> StartAsync(
        string? dataDirectory = null,
        IDictionary<string, string>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var owned = dataDirectory is null ? new TempDirectory("maas-server") : null;
        var data = dataDirectory ?? owned!.Path;
        var adminKey = TestAdminKey;
        string[] args = [$"--Maas:AdminKey={adminKey}", .. settings?.Select(kv => $"--Maas:{kv.Key}={kv.Value}") ?? []];
        var app = MaasServerHost.Build(new MaasServerOptions { DataDirectory = data, Urls = "http://127.0.0.1:0" }, args, configureServices);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A start that fails (a bad setting under test) must not leave its data folder behind.
            await app.DisposeAsync();
            owned?.Dispose();
            throw;
        }

        return new MaasTestServer(app, data, owned, adminKey);
    }

    /// <summary>One admin secret for every test server, so a restarted server on the same data accepts it.</summary>
    public const string TestAdminKey = "maas_test-admin-key-0123456789abcdefghijklmn";

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
