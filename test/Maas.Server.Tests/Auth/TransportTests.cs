using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Maas.Errors;
using Maas.Server.Tests.Infrastructure;
using Maas.Testing;

namespace Maas.Server.Tests.Auth;

public sealed class TransportTests
{
    [Fact]
    public async Task Serve_WithPemCertificate_AnswersOverHttps()
    {
        using var folder = new TempDirectory("maas-tls");
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(folder.Combine("cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(folder.Combine("key.pem"), rsa.ExportPkcs8PrivateKeyPem());

        var app = MaasServerHost.Build(
            new MaasServerOptions
            {
                DataDirectory = folder.Combine("data"),
                Urls = "https://127.0.0.1:0",
                TlsCertificate = folder.Combine("cert.pem"),
                TlsKey = folder.Combine("key.pem"),
            },
            [$"--Maas:AdminKey={MaasTestServer.TestAdminKey}"]);
        await app.StartAsync();
        try
        {
            var thumbprint = certificate.Thumbprint;
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == thumbprint,
            };
            using var client = new HttpClient(handler) { BaseAddress = new Uri(app.Urls.First()) };
            Assert.Equal("https", client.BaseAddress.Scheme);
            using var response = await client.GetAsync(new Uri("/v2/health/ready", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://192.168.1.10:8080")]
    [InlineData("http://127.0.0.1:8080;http://*:9090")]
    public void Serve_AuthNoneOnNonLoopbackAddress_IsRefused(string urls)
    {
        var error = Assert.Throws<MaasException>(() =>
            MaasServerHost.Build(new MaasServerOptions { DataDirectory = Path.GetTempPath(), Urls = urls, Auth = "none" }, []));
        Assert.Contains("loopback", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_AuthNoneOnLoopback_AnswersWithoutKey()
    {
        using var folder = new TempDirectory("maas-open");
        var app = MaasServerHost.Build(new MaasServerOptions { DataDirectory = folder.Path, Urls = "http://127.0.0.1:0", Auth = "none" }, []);
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            using var push = await client.PostAsync(new Uri("/api/models/mlp/versions", UriKind.Relative), new ByteArrayContent(Expected.MlpModel));
            Assert.Equal(HttpStatusCode.Created, push.StatusCode);
            Assert.False(File.Exists(Path.Combine(folder.Path, "admin.key")));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
