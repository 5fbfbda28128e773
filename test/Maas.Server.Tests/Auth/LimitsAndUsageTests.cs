using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Maas.Server.Tests.Infrastructure;
using Maas.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Maas.Server.Tests.Auth;

public sealed class LimitsAndUsageTests
{
    private const string Predict = "{\"instances\":[[0,1,2,3,4,5,6,7,8,9]]}";

    [Fact]
    public async Task Predict_OverRequestsPerMinute_Answers429WithRetryAfterAndRecovers()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T10:00:00Z", CultureInfo.InvariantCulture));
        await using var server = await MaasTestServer.StartAsync(configureServices: s => s.AddSingleton<TimeProvider>(clock));
        (await server.PushAsync("mlp", Expected.MlpModel)).Dispose();
        var key = await CreateKeyAsync(server, new { name = "limited", scopes = new[] { "infer" }, limits = new { requests_per_minute = 3 } });
        using var client = server.CreateClient(key);

        for (var i = 0; i < 3; i++)
        {
            using var ok = await PostAsync(client);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("3", ok.Headers.GetValues("x-ratelimit-limit-requests").Single());
            Assert.Equal((2 - i).ToString(CultureInfo.InvariantCulture), ok.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        }

        using (var refused = await PostAsync(client))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(20), refused.Headers.RetryAfter!.Delta);
            Assert.Contains("3 requests per minute", (await Json.ReadAsync(refused))["error"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        clock.Advance(TimeSpan.FromSeconds(20));
        using var again = await PostAsync(client);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Predict_DailyQuota_RefusesUntilMidnightAndSurvivesRestart()
    {
        using var data = new TempDirectory("maas-quota");
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T22:00:00Z", CultureInfo.InvariantCulture));
        string key;
        await using (var server = await MaasTestServer.StartAsync(data.Path, configureServices: s => s.AddSingleton<TimeProvider>(clock)))
        {
            (await server.PushAsync("mlp", Expected.MlpModel)).Dispose();
            key = await CreateKeyAsync(server, new { name = "daily", scopes = new[] { "infer" }, limits = new { requests_per_day = 2 } });
            using var client = server.CreateClient(key);
            (await PostAsync(client)).Dispose();
            (await PostAsync(client)).Dispose();
            using var refused = await PostAsync(client);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal(TimeSpan.FromHours(2), refused.Headers.RetryAfter!.Delta);
        }

        // The count is persisted with the usage, so a restart does not hand out a fresh quota.
        await using (var restarted = await MaasTestServer.StartAsync(data.Path, configureServices: s => s.AddSingleton<TimeProvider>(clock)))
        {
            using var client = restarted.CreateClient(key);
            using var stillRefused = await PostAsync(client);
            Assert.Equal(HttpStatusCode.TooManyRequests, stillRefused.StatusCode);

            clock.Advance(TimeSpan.FromHours(2));
            using var nextDay = await PostAsync(client);
            Assert.Equal(HttpStatusCode.OK, nextDay.StatusCode);
        }
    }

    [Fact]
    public async Task Usage_CountsEqualRequestsMade_AndSurviveRestart()
    {
        using var data = new TempDirectory("maas-usage");
        string keyId;
        await using (var server = await MaasTestServer.StartAsync(data.Path))
        {
            (await server.PushAsync("mlp", Expected.MlpModel)).Dispose();
            var created = await Json.ReadAsync(await server.Client.PostAsJsonAsync("/api/keys", new { name = "meter", scopes = new[] { "infer" } }));
            keyId = created["info"]!["id"]!.GetValue<string>();
            using var client = server.CreateClient(created["key"]!.GetValue<string>());
            for (var i = 0; i < 7; i++)
            {
                (await PostAsync(client)).Dispose();
            }

            using (var bad = await client.PostAsync(new Uri("/v1/models/mlp:predict", UriKind.Relative), new StringContent("{", Encoding.UTF8, "application/json")))
            {
                Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            }

            var own = await Json.ReadAsync(await client.GetAsync(new Uri("/api/usage", UriKind.Relative)));
            var row = Assert.Single(own.AsArray());
            Assert.Equal(8, row!["requests"]!.GetValue<long>());
            Assert.Equal("mlp", row["model"]!.GetValue<string>());
        }

        await using var restarted = await MaasTestServer.StartAsync(data.Path);
        var all = await Json.ReadAsync(await restarted.Client.GetAsync(new Uri($"/api/usage?key={keyId}", UriKind.Relative)));
        var mlp = Assert.Single(all.AsArray(), r => r!["model"]!.GetValue<string>() == "mlp");
        Assert.Equal(8, mlp!["requests"]!.GetValue<long>());

        // Requests that name no model (here: the usage query itself) are metered too, under "-".
        Assert.Equal(1, Assert.Single(all.AsArray(), r => r!["model"]!.GetValue<string>() == "-")!["requests"]!.GetValue<long>());
    }

    [Fact]
    public async Task Usage_NonAdminAskingForAnotherKey_Is403()
    {
        await using var server = await MaasTestServer.StartAsync();
        var key = await CreateKeyAsync(server, new { name = "nosy", scopes = new[] { "infer" } });
        using var client = server.CreateClient(key);
        using var response = await client.GetAsync(new Uri("/api/usage?key=someone-else", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Audit_ManagementActions_AreRecordedWithTheActor()
    {
        await using var server = await MaasTestServer.StartAsync();
        (await server.PushAsync("mlp", Expected.MlpModel)).Dispose();
        (await server.Client.PutAsJsonAsync("/api/models/mlp/aliases/prod", new { version = 1 })).Dispose();
        var created = await Json.ReadAsync(await server.Client.PostAsJsonAsync("/api/keys", new { name = "ci", scopes = new[] { "infer" } }));
        (await server.Client.DeleteAsync(new Uri("/api/models/mlp/versions/1?force=true", UriKind.Relative))).Dispose();

        var audit = await Json.ReadAsync(await server.Client.GetAsync(new Uri("/api/audit", UriKind.Relative)));
        var actions = audit.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToArray();
        Assert.Equal(["version.delete", "key.create", "alias.set", "model.push"], actions);
        Assert.All(audit.AsArray(), e => Assert.False(string.IsNullOrEmpty(e!["actor"]!.GetValue<string>())));
        Assert.DoesNotContain(created["key"]!.GetValue<string>(), audit.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PUT", "/api/models/mlp/aliases/prod")]
    [InlineData("POST", "/api/keys")]
    public async Task SmallJsonRoutes_BodyOver64KiB_Answer413(string method, string path)
    {
        await using var server = await MaasTestServer.StartAsync();
        (await server.PushAsync("mlp", Expected.MlpModel)).Dispose();
        var padding = new string(' ', 100_000);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative))
        {
            Content = new StringContent("{\"version\": 1, \"name\": \"x\"" + padding + "}", Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client) =>
        client.PostAsync(new Uri("/v1/models/mlp:predict", UriKind.Relative), new StringContent(Predict, Encoding.UTF8, "application/json"));

    private static async Task<string> CreateKeyAsync(MaasTestServer server, object request)
    {
        using var response = await server.Client.PostAsJsonAsync("/api/keys", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Json.ReadAsync(response))["key"]!.GetValue<string>();
    }
}
