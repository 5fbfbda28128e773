using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Maas.Server.Tests.Infrastructure;

namespace Maas.Server.Tests.Publishing;

/// <summary>Uploads are admitted only with room on disk and within the per-key cap on concurrent uploads.</summary>
public sealed class UploadLimitsTests
{
    [Fact]
    public async Task Push_DeclaredSizeDoesNotFitTheDiskReserve_Is507AndNothingIsWritten()
    {
        await using var server = await MaasTestServer.StartAsync(settings: new Dictionary<string, string>
        {
            ["Limits:MinFreeDiskBytes"] = (1L << 50).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        using var response = await server.PushAsync("mlp", Expected.MlpModel);

        Assert.Equal(HttpStatusCode.InsufficientStorage, response.StatusCode);
        var message = (await Json.ReadAsync(response))["error"]!.GetValue<string>();
        Assert.Contains("not enough disk space", message, StringComparison.Ordinal);
        Assert.Contains($"{Expected.MlpModel.Length} bytes", message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(server.DataDirectory, "blobs"), "*", SearchOption.AllDirectories));
        using var missing = await server.Client.GetAsync(new Uri("/api/models/mlp", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Push_OverConcurrentUploadsOfOneKey_Is429WithRetryAfter_OtherKeysStillPush()
    {
        await using var server = await MaasTestServer.StartAsync(settings: new Dictionary<string, string>
        {
            ["Limits:MaxConcurrentUploadsPerKey"] = "1",
        });
        using var created = await server.Client.PostAsJsonAsync("/api/keys", new { name = "other", scopes = new[] { "deploy" } });
        using var otherKey = server.CreateClient((await Json.ReadAsync(created))["key"]!.GetValue<string>());
        var tmp = Path.Combine(server.DataDirectory, "blobs", "tmp");

        using var cancel = new CancellationTokenSource();
        using var slow = new StreamContent(new PacedStream(512L << 20));
        slow.Headers.ContentLength = 512L << 20;
        slow.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var inFlight = server.Client.PostAsync(new Uri("/api/models/big/versions", UriKind.Relative), slow, cancel.Token);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!Directory.EnumerateFiles(tmp).Any(f => new FileInfo(f).Length > 0))
        {
            Assert.True(DateTime.UtcNow < deadline, "the slow upload never reached the server");
            await Task.Delay(20);
        }

        using var refused = await server.PushAsync("mlp", Expected.MlpModel);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("MaxConcurrentUploadsPerKey", (await Json.ReadAsync(refused))["error"]!.GetValue<string>(), StringComparison.Ordinal);

        using var otherPush = new ByteArrayContent(Expected.MlpModel);
        using var accepted = await otherKey.PostAsync(new Uri("/api/models/mlp/versions", UriKind.Relative), otherPush);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => inFlight);

        // The slot is given back when the aborted upload ends on the server.
        deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var retry = await server.PushAsync("mlp", Expected.MlpModel);
            if (retry.StatusCode == HttpStatusCode.Created)
            {
                break;
            }

            Assert.Equal(HttpStatusCode.TooManyRequests, retry.StatusCode);
            Assert.True(DateTime.UtcNow < deadline, "the upload slot was never released");
            await Task.Delay(100);
        }
    }
}
