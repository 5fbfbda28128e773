using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maas.Llm.Scheduling;

namespace Maas.Server.Tests.OpenAi;

[Collection(Gpt2TinyCollection.Name)]
public sealed class CancellationTests(Gpt2TinyServer fixture)
{
    [Fact]
    public async Task ChatStream_ClientDisconnectsMidway_FreesKvCache()
    {
        // Eight long sequences (ignore_eos, to the end of the context) keep the engine busy well past the first chunk.
        var request = new JsonObject
        {
            ["model"] = Gpt2TinyServer.Model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "count to five" }),
            ["stream"] = true,
            ["ignore_eos"] = true,
            ["n"] = 8,
            ["max_tokens"] = 110,
        };
        var clock = Stopwatch.StartNew();
        SchedulerSnapshot during;
        using (var message = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/chat/completions", UriKind.Relative)) { Content = JsonContent.Create(request) })
        using (var response = await fixture.Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var line = await reader.ReadLineAsync();
            Assert.StartsWith("data: ", line, StringComparison.Ordinal);
            during = await fixture.SnapshotAsync();
        }

        var after = await WaitForAsync(s => s.Running == 0 && s.Waiting == 0);
        Assert.True(during.Running > 0 && during.CacheTokensReserved > 0, $"the stream was still generating when the client left ({clock.ElapsedMilliseconds} ms): {during}");
        Assert.Equal(0, after.CacheTokensReserved);
    }

    private async Task<SchedulerSnapshot> WaitForAsync(Func<SchedulerSnapshot, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var snapshot = await fixture.SnapshotAsync();
            if (condition(snapshot) || DateTime.UtcNow > deadline)
            {
                return snapshot;
            }

            await Task.Delay(10);
        }
    }
}
