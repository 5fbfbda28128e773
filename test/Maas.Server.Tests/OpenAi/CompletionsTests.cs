using System.Text.Json.Nodes;

namespace Maas.Server.Tests.OpenAi;

[Collection(Gpt2TinyCollection.Name)]
public sealed class CompletionsTests(Gpt2TinyServer fixture)
{
    public static TheoryData<int> Generations => [.. Enumerable.Range(0, Gpt2TinyServer.Expected["generations"]!.AsArray().Count)];

    [Theory]
    [MemberData(nameof(Generations))]
    public async Task Completions_GreedyExpectedPrompt_EqualsPyTorchIdsAndText(int index)
    {
        var expected = Gpt2TinyServer.Expected["generations"]![index]!;
        var (status, body) = await fixture.PostAsync("/v1/completions", Request(expected));

        Assert.Equal(200, status);
        Assert.Equal("text_completion", body["object"]!.GetValue<string>());
        Assert.StartsWith("cmpl-", body["id"]!.GetValue<string>(), StringComparison.Ordinal);
        var choice = Assert.Single(body["choices"]!.AsArray())!;
        Assert.Equal(Ids(expected["generated_ids"]!), Ids(choice["token_ids"]!));
        Assert.Equal(Ids(expected["prompt_ids"]!), Ids(choice["prompt_token_ids"]!));
        Assert.Equal(expected["generated_text"]!.GetValue<string>(), choice["text"]!.GetValue<string>());
        Assert.Equal(expected["stopped_on_eos"]!.GetValue<bool>() ? "stop" : "length", choice["finish_reason"]!.GetValue<string>());
        var usage = body["usage"]!;
        Assert.Equal(expected["prompt_ids"]!.AsArray().Count, usage["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(expected["num_new_tokens"]!.GetValue<int>(), usage["completion_tokens"]!.GetValue<int>());
        Assert.Equal(usage["prompt_tokens"]!.GetValue<int>() + usage["completion_tokens"]!.GetValue<int>(), usage["total_tokens"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(Generations))]
    public async Task Completions_StreamedExpectedPrompt_EqualsPyTorchIdsAndText(int index)
    {
        var expected = Gpt2TinyServer.Expected["generations"]![index]!;
        var request = Request(expected);
        request["stream"] = true;
        request["stream_options"] = new JsonObject { ["include_usage"] = true };

        var result = await Sse.PostAsync(fixture.Client, "/v1/completions", request);

        var chunks = result.ChoicesOf(0).ToList();
        Assert.True(chunks.Count > 1, "a completion of several tokens streams in several chunks");
        Assert.Equal(expected["generated_text"]!.GetValue<string>(), string.Concat(chunks.Select(c => c["text"]!.GetValue<string>())));
        Assert.Equal(Ids(expected["generated_ids"]!), chunks.SelectMany(c => Ids(c["token_ids"]!)).ToArray());
        Assert.All(chunks.SkipLast(1), c => Assert.Null(c["finish_reason"]));
        Assert.Equal(expected["stopped_on_eos"]!.GetValue<bool>() ? "stop" : "length", chunks[^1]["finish_reason"]!.GetValue<string>());
        var usage = result.Events[^1];
        Assert.Empty(usage["choices"]!.AsArray());
        Assert.Equal(expected["num_new_tokens"]!.GetValue<int>(), usage["usage"]!["completion_tokens"]!.GetValue<int>());
        Assert.Single(result.Events.Select(e => e["id"]!.GetValue<string>()).Distinct());
    }

    [Fact]
    public async Task Completions_EightConcurrentGreedy_EachEqualsItsSoloRun()
    {
        var generations = Gpt2TinyServer.Expected["generations"]!.AsArray();
        var requests = Enumerable.Range(0, 8).Select(i => generations[i % generations.Count]!).ToList();
        var solo = new List<int[]>();
        foreach (var expected in requests)
        {
            solo.Add(Ids((await fixture.PostAsync("/v1/completions", Request(expected))).Body["choices"]![0]!["token_ids"]!));
        }

        var together = await Task.WhenAll(requests.Select(async expected =>
        {
            var request = Request(expected);
            request["max_tokens"] = 20;
            return Ids((await fixture.PostAsync("/v1/completions", request)).Body["choices"]![0]!["token_ids"]!);
        }));

        for (var i = 0; i < requests.Count; i++)
        {
            Assert.Equal(solo[i], together[i]);
        }
    }

    [Fact]
    public async Task Completions_StopStringSpanningTokens_CutBeforeItAndNeverStreamed()
    {
        // " five six" spans the tokens " five" and " six": it must end the text right after " four".
        var request = new JsonObject
        {
            ["model"] = Gpt2TinyServer.Model,
            ["prompt"] = "one two three",
            ["temperature"] = 0,
            ["max_tokens"] = 20,
            ["stop"] = new JsonArray("xyz", " five six"),
        };
        var (status, body) = await fixture.PostAsync("/v1/completions", request);
        Assert.Equal(200, status);
        Assert.Equal(" four", body["choices"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("stop", body["choices"]![0]!["finish_reason"]!.GetValue<string>());

        request["stream"] = true;
        var streamed = await Sse.PostAsync(fixture.Client, "/v1/completions", request);
        var texts = streamed.ChoicesOf(0).Select(c => c["text"]!.GetValue<string>()).ToList();
        Assert.Equal(" four", string.Concat(texts));
        Assert.DoesNotContain(texts, t => t.Contains("five", StringComparison.Ordinal));

        var snapshot = await fixture.SnapshotAsync();
        Assert.Equal(0, snapshot.CacheTokensReserved);
    }

    [Fact]
    public async Task Completions_LogprobsAndEcho_OpenAiLegacyShape()
    {
        var request = new JsonObject
        {
            ["model"] = Gpt2TinyServer.Model,
            ["prompt"] = "one two three",
            ["temperature"] = 0,
            ["max_tokens"] = 3,
            ["logprobs"] = 2,
            ["echo"] = true,
        };
        var (status, body) = await fixture.PostAsync("/v1/completions", request);
        Assert.Equal(200, status);
        var choice = body["choices"]![0]!;
        Assert.Equal("one two three four five six", choice["text"]!.GetValue<string>());
        var logprobs = choice["logprobs"]!;
        Assert.Equal(["Ġfour", "Ġfive", "Ġsix"], logprobs["tokens"]!.AsArray().Select(t => t!.GetValue<string>().Replace(' ', 'Ġ')).ToArray());
        Assert.All(logprobs["token_logprobs"]!.AsArray(), l => Assert.InRange(l!.GetValue<double>(), -1, 0));
        Assert.All(logprobs["top_logprobs"]!.AsArray(), t => Assert.Equal(2, t!.AsObject().Count));
        Assert.Equal([13, 18, 23], logprobs["text_offset"]!.AsArray().Select(o => o!.GetValue<int>()).ToArray());
    }

    [Fact]
    public async Task Completions_SeededSamplingWithN_ReproducibleAndIndexed()
    {
        var request = new JsonObject
        {
            ["model"] = Gpt2TinyServer.Model,
            ["prompt"] = new JsonArray("monday", "red"),
            ["temperature"] = 1.5,
            ["max_tokens"] = 8,
            ["n"] = 2,
            ["seed"] = 42,
            ["return_token_ids"] = true,
        };
        var first = (await fixture.PostAsync("/v1/completions", request)).Body;
        var second = (await fixture.PostAsync("/v1/completions", request)).Body;

        Assert.Equal([0, 1, 2, 3], first["choices"]!.AsArray().Select(c => c!["index"]!.GetValue<int>()).Order().ToArray());
        Assert.Equal(first["choices"]!.ToJsonString(), second["choices"]!.ToJsonString());
    }

    internal static JsonObject Request(JsonNode expected) => new()
    {
        ["model"] = Gpt2TinyServer.Model,
        ["prompt"] = expected["prompt"]!.GetValue<string>(),
        ["temperature"] = 0,
        ["return_token_ids"] = true,
    };

    internal static int[] Ids(JsonNode node) => [.. node.AsArray().Select(i => i!.GetValue<int>())];
}
