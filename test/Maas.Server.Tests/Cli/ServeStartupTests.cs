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
    public async Task ServeProcess_PortAlreadyInUse_PrintsNoStackTraceOnEitherStream()
    {
        // The logs go to the process's own stdout, which only a separate process shows: nothing there may be a trace.
        using var data = new TempDirectory("maas-port-process");
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";
        var info = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "maas.dll"), "serve", "--data", data.Path, "--urls", address },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["MAAS_ADMIN_KEY"] = MaasTestServer.TestAdminKey;

        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        var all = await output + await error;

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains($"cannot listen on {address}", await error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", all, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
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
