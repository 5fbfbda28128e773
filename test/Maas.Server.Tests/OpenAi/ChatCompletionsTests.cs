using System.Text.Json.Nodes;

namespace Maas.Server.Tests.OpenAi;

[Collection(Gpt2TinyCollection.Name)]
public sealed class ChatCompletionsTests(Gpt2TinyServer fixture)
{
    public static TheoryData<int> Chats => [.. Enumerable.Range(0, Gpt2TinyServer.Expected["chat"]!.AsArray().Count)];

    [Theory]
    [MemberData(nameof(Chats))]
    public async Task ChatCompletions_ThroughChatTemplate_EqualsPyTorchAnswer(int index)
    {
        var expected = Gpt2TinyServer.Expected["chat"]![index]!;
        var (status, body) = await fixture.PostAsync("/v1/chat/completions", Request(expected));

        Assert.Equal(200, status);
        Assert.Equal("chat.completion", body["object"]!.GetValue<string>());
        Assert.Equal(CompletionsTests.Ids(expected["prompt_ids"]!), CompletionsTests.Ids(body["prompt_token_ids"]!));
        var choice = body["choices"]![0]!;
        Assert.Equal("assistant", choice["message"]!["role"]!.GetValue<string>());
        Assert.Equal(expected["generated_text"]!.GetValue<string>(), choice["message"]!["content"]!.GetValue<string>());
        Assert.Equal(CompletionsTests.Ids(expected["generated_ids"]!), CompletionsTests.Ids(choice["token_ids"]!));
        Assert.Equal("stop", choice["finish_reason"]!.GetValue<string>());
        Assert.Equal(expected["prompt_ids"]!.AsArray().Count, body["usage"]!["prompt_tokens"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(Chats))]
    public async Task ChatCompletions_Streamed_RoleFirstThenContentThenFinish(int index)
    {
        var expected = Gpt2TinyServer.Expected["chat"]![index]!;
        var request = Request(expected);
        request["stream"] = true;
        request["stream_options"] = new JsonObject { ["include_usage"] = true };

        var result = await Sse.PostAsync(fixture.Client, "/v1/chat/completions", request);

        Assert.All(result.Events, e => Assert.Equal("chat.completion.chunk", e["object"]!.GetValue<string>()));
        var chunks = result.ChoicesOf(0).ToList();
        Assert.Equal("assistant", chunks[0]["delta"]!["role"]!.GetValue<string>());
        Assert.Equal(expected["generated_text"]!.GetValue<string>(), string.Concat(chunks.Select(c => c["delta"]!["content"]?.GetValue<string>())));
        Assert.Equal("stop", chunks[^1]["finish_reason"]!.GetValue<string>());
        Assert.Equal(expected["num_new_tokens"]!.GetValue<int>(), result.Events[^1]["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task ChatCompletions_LogprobsRequested_ContentEntriesWithBytesAndTop()
    {
        var request = Request(Gpt2TinyServer.Expected["chat"]![0]!);
        request["logprobs"] = true;
        request["top_logprobs"] = 3;
        var (status, body) = await fixture.PostAsync("/v1/chat/completions", request);

        Assert.Equal(200, status);
        var content = body["choices"]![0]!["logprobs"]!["content"]!.AsArray();
        Assert.Equal("one", content[0]!["token"]!.GetValue<string>());
        Assert.Equal("one"u8.ToArray().Select(b => (int)b), content[0]!["bytes"]!.AsArray().Select(b => b!.GetValue<int>()));
        Assert.Equal(3, content[0]!["top_logprobs"]!.AsArray().Count);
        Assert.Equal("one", content[0]!["top_logprobs"]![0]!["token"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChatCompletions_TextContentParts_SameAsString()
    {
        var expected = Gpt2TinyServer.Expected["chat"]![0]!;
        var text = expected["messages"]![0]!["content"]!.GetValue<string>();
        var request = Request(expected);
        request["messages"] = new JsonArray(new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
        });
        var (status, body) = await fixture.PostAsync("/v1/chat/completions", request);
        Assert.Equal(200, status);
        Assert.Equal(expected["generated_text"]!.GetValue<string>(), body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
    }

    internal static JsonObject Request(JsonNode expected) => new()
    {
        ["model"] = Gpt2TinyServer.Model,
        ["messages"] = expected["messages"]!.DeepClone(),
        ["temperature"] = 0,
        ["return_token_ids"] = true,
    };
}
