using System.Net;
using System.Net.Http.Json;
using System.Text;
using Maas.Server.Tests.Infrastructure;
using Maas.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Maas.Server.Tests.Auth;

/// <summary>Secrets never rest in clear: not in the database files, not in any log line, not in error bodies.</summary>
public sealed class SecretsTests
{
    [Fact]
    public async Task Keys_AreAbsentFromLogsAndDatabase()
    {
        var sink = new LogSink();
        string secret;
        using var data = new TempDirectory("maas-secrets");
        var dataDirectory = data.Path;
        await using (var server = await MaasTestServer.StartAsync(dataDirectory, configureServices: s =>
        {
            s.AddSingleton<ILoggerProvider>(sink);
            s.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Trace);
        }))
        {
            (await server.PushAsync("mlp", Expected.MlpModel)).Dispose();
            var created = await Json.ReadAsync(await server.Client.PostAsJsonAsync("/api/keys", new { name = "ci", scopes = new[] { "infer" } }));
            secret = created["key"]!.GetValue<string>();
            using var client = server.CreateClient(secret);
            using var ok = await client.PostAsync(new Uri("/v1/models/mlp:predict", UriKind.Relative), new StringContent("{\"instances\":[[0,0,0,0,0,0,0,0,0,0]]}", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            using var denied = await client.GetAsync(new Uri("/api/keys", UriKind.Relative));
            Assert.DoesNotContain(secret, await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var wrong = server.CreateClient(secret + "x");
            using var unknown = await wrong.GetAsync(new Uri("/api/models", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
            Assert.DoesNotContain(secret, await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            // Read the files while the server still has them open, WAL included.
            foreach (var file in Directory.GetFiles(dataDirectory, "maas.db*"))
            {
                Assert.DoesNotContain(secret[12..], ReadShared(file), StringComparison.Ordinal);
                Assert.DoesNotContain(MaasTestServer.TestAdminKey, ReadShared(file), StringComparison.Ordinal);
            }
        }

        Assert.NotEmpty(sink.Lines);
        Assert.DoesNotContain(sink.Lines, line => line.Contains(secret[12..], StringComparison.Ordinal));
        Assert.DoesNotContain(sink.Lines, line => line.Contains(MaasTestServer.TestAdminKey, StringComparison.Ordinal));
        foreach (var file in Directory.GetFiles(dataDirectory, "maas.db*"))
        {
            Assert.DoesNotContain(secret[12..], ReadShared(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task FirstStart_WithoutAdminKey_CreatesPrivateAdminKeyFileReusedOnRestart()
    {
        using var data = new TempDirectory("maas-bootstrap");
        var file = Path.Combine(data.Path, "admin.key");
        using (var first = await ServerProcess.StartAsync(data.Path, withAdminKey: false))
        {
            Assert.True(File.Exists(file));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }

            // The test reads stdout through a pipe, as journald and docker do: the path is printed, never the secret.
            Assert.DoesNotContain(File.ReadAllText(file).Trim(), first.Output, StringComparison.Ordinal);
            Assert.Contains(file, first.Output, StringComparison.Ordinal);
        }

        var secret = File.ReadAllText(file).Trim();
        Assert.StartsWith("maas_", secret, StringComparison.Ordinal);
        using var second = await ServerProcess.StartAsync(data.Path, withAdminKey: false);
        Assert.DoesNotContain(secret, second.Output, StringComparison.Ordinal);
        using var client = new HttpClient { BaseAddress = second.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        using var keys = await client.GetAsync(new Uri("/api/keys", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
        Assert.Equal(secret, File.ReadAllText(file).Trim());
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.Latin1);
        return reader.ReadToEnd();
    }
}
