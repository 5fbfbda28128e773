using System.Net;
using System.Net.Sockets;

namespace Maas.Cli.Tests.Fakes;

internal static class ClosedPort
{
    /// <summary>A loopback address nothing listens on: a port the OS just handed out and we released.</summary>
    public static Uri Address()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }
}
