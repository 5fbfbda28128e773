using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Maas.Server.Tests.Infrastructure;

/// <summary>`maas serve` as a separate OS process, for tests that must kill it the hard way.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>What the server printed on stdout so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public Uri BaseAddress { get; }

    /// <summary>A client that sends the test admin key.</summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", MaasTestServer.TestAdminKey);
        return client;
    }

    public static async Task<ServerProcess> StartAsync(string dataDirectory, bool withAdminKey = true)
    {
        var port = FreePort();
        var cli = Path.Combine(AppContext.BaseDirectory, "maas.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { cli, "serve", "--data", dataDirectory, "--urls", $"http://127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (withAdminKey)
        {
            info.Environment["MAAS_ADMIN_KEY"] = MaasTestServer.TestAdminKey;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start maas serve");
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) =>
        {
            lock (server._output)
            {
                server._output.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, exactly what a crash or the OOM killer does.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"maas serve exited with code {_process.ExitCode}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/v2/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("maas serve did not become ready within 60 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
