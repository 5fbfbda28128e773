using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maas.Server.Tests.Infrastructure;
using Maas.Testing;

namespace Maas.Server.Tests.OpenAi;

public sealed class AdmissionTests
{
    [Fact]
    public async Task Completions_MoreChoicesThanTheQueueHolds_429WithRetryAfterAndNoCacheKept()
    {
        var settings = new Dictionary<string, string> { ["Llm:MaxRunning"] = "1", ["Llm:MaxWaiting"] = "1" };
        await using var server = await MaasTestServer.StartAsync(settings: settings);
        using (var push = await server.PushAsync("gpt2", Archives.TarGz(SharedModels.PathOf("gpt2-tiny"), includeBaseDirectory: false), "application/gzip"))
        {
            Assert.True(push.IsSuccessStatusCode, await push.Content.ReadAsStringAsync());
        }

        // One choice runs, one waits, the third finds the queue full: the whole request is refused before any byte.
        var request = new JsonObject { ["model"] = "gpt2", ["prompt"] = "one", ["n"] = 3, ["max_tokens"] = 100, ["ignore_eos"] = true };
        using var response = await server.Client.PostAsJsonAsync("/v1/completions", request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal("rate_limit_error", body["error"]!["type"]!.GetValue<string>());
        Assert.NotNull(response.Headers.RetryAfter);

        var engine = await LoadedEngines.LeaseEngineAsync(server.Services, "gpt2");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (engine.Snapshot() is { Running: > 0 } or { Waiting: > 0 } && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(0, engine.Snapshot().CacheTokensReserved);
    }
}
