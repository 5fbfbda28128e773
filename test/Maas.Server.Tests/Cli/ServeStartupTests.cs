using System.Net;
using System.Net.Sockets;
using Maas.Errors;
using Maas.Server.Tests.Infrastructure;
using Maas.Testing;

namespace Maas.Server.Tests.Cli;

/// <summary>`maas serve` that cannot start says why in one sentence and exits non-zero.</summary>
public sealed class ServeStartupTests
{
    [Fact]
    public async Task Serve_PortAlreadyInUse_PrintsOneSentenceNamingAddressAndUrlsAndExitsNonZero()
    {
        using var data = new TempDirectory("maas-port");
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var (exitCode, _, error) = await CliRunner.RunAsync("serve", "--data", data.Path, "--urls", address);

        Assert.NotEqual(0, exitCode);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, error);
        Assert.Contains($"cannot listen on {address}", lines[0], StringComparison.Ordinal);
        Assert.Contains("already in use", lines[0], StringComparison.Ordinal);
        Assert.Contains("--urls", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_CertificateWithoutKey_PrintsTheSettingMistakeNotAnExceptionName()
    {
        using var data = new TempDirectory("maas-tls");

        var (exitCode, _, error) = await CliRunner.RunAsync("serve", "--data", data.Path, "--urls", "https://127.0.0.1:0", "--tls-cert", data.Combine("cert.pem"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--tls-cert and --tls-key go together", error, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected", error, StringComparison.Ordinal);
        Assert.DoesNotContain("MaasException", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Value must be positive. (Parameter 'count')", "Value must be positive.")]
    [InlineData("bad header (Parameter 'name') in entry (Parameter 'x')", "bad header in entry")]
    [InlineData("no suffix here", "no suffix here")]
    public void ErrorText_ArgumentExceptionMessage_LosesTheParameterSuffix(string message, string expected)
    {
        Assert.Equal(expected, ErrorText.WithoutParameterSuffix(message));
        Assert.Equal("Value must be positive.", ErrorText.Of(new ArgumentOutOfRangeException("count", "Value must be positive.")));
    }
}
