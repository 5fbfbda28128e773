using System.Net;
using System.Text;
using Maas.Server.Tests.Infrastructure;

namespace Maas.Server.Tests.Cli;

public sealed class KeysCliTests
{
    [Fact]
    public async Task Keys_CreateListRevoke_AndUsage_WorkFromTheCli()
    {
        await using var server = await MaasTestServer.StartAsync();
        (await server.PushAsync("mlp", Expected.MlpModel)).Dispose();
        var url = server.BaseAddress.ToString();

        var create = await CliRunner.RunAsync("keys", "create", "--name", "ci", "--scopes", "infer", "--models", "mlp", "--expires", "30d", "--server", url, "--api-key", server.AdminKey);
        Assert.True(create.ExitCode == 0, create.Error);
        var secret = create.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Single(l => l.StartsWith("maas_", StringComparison.Ordinal));

        using var client = server.CreateClient(secret);
        using (var ok = await client.PostAsync(new Uri("/v1/models/mlp:predict", UriKind.Relative), new StringContent("{\"instances\":[[0,0,0,0,0,0,0,0,0,0]]}", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var list = await CliRunner.RunAsync("keys", "list", "--server", url, "--api-key", server.AdminKey);
        Assert.True(list.ExitCode == 0, list.Error);
        Assert.Contains("ci", list.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list.Out, StringComparison.Ordinal);
        var id = list.Out.Split('\n').Single(l => l.Contains(" ci ", StringComparison.Ordinal)).Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];

        var usage = await CliRunner.RunAsync("usage", "--server", url, "--api-key", secret);
        Assert.True(usage.ExitCode == 0, usage.Error);
        Assert.Contains("mlp", usage.Out, StringComparison.Ordinal);

        var revoke = await CliRunner.RunAsync("keys", "revoke", id, "--server", url, "--api-key", server.AdminKey);
        Assert.True(revoke.ExitCode == 0, revoke.Error);
        using var rejected = await client.GetAsync(new Uri("/api/models", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);

        var denied = await CliRunner.RunAsync("keys", "list", "--server", url, "--api-key", secret);
        Assert.Equal(1, denied.ExitCode);
        Assert.Contains("revoked", denied.Error, StringComparison.Ordinal);
    }
}
