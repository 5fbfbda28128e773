using System.ClientModel;
using System.Text;
using System.Text.Json.Nodes;
using OpenAI;
using OpenAI.Chat;

namespace Maas.Server.Tests.OpenAi;

/// <summary>The official OpenAI .NET SDK, pointed at our /v1 with a custom endpoint and any key, works unchanged.</summary>
[Collection(Gpt2TinyCollection.Name)]
public sealed class OpenAiSdkTests(Gpt2TinyServer fixture)
{
    private OpenAIClientOptions Options => new() { Endpoint = new Uri(fixture.Server.BaseAddress, "/v1"), NetworkTimeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task ChatClient_CompleteChat_EqualsPyTorchAnswers()
    {
        var client = new ChatClient(Gpt2TinyServer.Model, new ApiKeyCredential(fixture.Server.AdminKey), Options);
        foreach (var expected in Gpt2TinyServer.Expected["chat"]!.AsArray())
        {
            ChatCompletion completion = await client.CompleteChatAsync(Messages(expected!), new ChatCompletionOptions { Temperature = 0 });

            Assert.Equal(expected!["generated_text"]!.GetValue<string>(), completion.Content[0].Text);
            Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
            Assert.Equal(expected["num_new_tokens"]!.GetValue<int>(), completion.Usage.OutputTokenCount);
            Assert.Equal(expected["prompt_ids"]!.AsArray().Count, completion.Usage.InputTokenCount);
        }
    }

    [Fact]
    public async Task ChatClient_CompleteChatStreaming_EqualsPyTorchAnswers()
    {
        var client = new ChatClient(Gpt2TinyServer.Model, new ApiKeyCredential(fixture.Server.AdminKey), Options);
        foreach (var expected in Gpt2TinyServer.Expected["chat"]!.AsArray())
        {
            var text = new StringBuilder();
            var updates = 0;
            ChatFinishReason? finish = null;
            ChatTokenUsage? usage = null;
            await foreach (var update in client.CompleteChatStreamingAsync(Messages(expected!), new ChatCompletionOptions { Temperature = 0 }))
            {
                updates++;
                foreach (var part in update.ContentUpdate)
                {
                    text.Append(part.Text);
                }

                finish ??= update.FinishReason;
                usage ??= update.Usage;
            }

            Assert.Equal(expected!["generated_text"]!.GetValue<string>(), text.ToString());
            Assert.True(updates > 2, "tokens arrive as separate updates");
            Assert.Equal(ChatFinishReason.Stop, finish);
            Assert.Equal(expected["num_new_tokens"]!.GetValue<int>(), usage?.OutputTokenCount);
        }
    }

    [Fact]
    public async Task SdkPipeline_CompletionsExpectedPrompts_EqualPyTorchText()
    {
        // SDK 2.15 keeps its legacy completions client internal; its public pipeline (auth, retries, error mapping)
        // is what that client would use, so /v1/completions is driven through it.
        var pipeline = new ChatClient(Gpt2TinyServer.Model, new ApiKeyCredential(fixture.Server.AdminKey), Options).Pipeline;
        foreach (var expected in Gpt2TinyServer.Expected["generations"]!.AsArray())
        {
            var body = new JsonObject { ["model"] = Gpt2TinyServer.Model, ["prompt"] = expected!["prompt"]!.GetValue<string>(), ["temperature"] = 0 };
            using var message = pipeline.CreateMessage();
            message.Request.Method = "POST";
            message.Request.Uri = new Uri(fixture.Server.BaseAddress, "/v1/completions");
            message.Request.Headers.Set("Content-Type", "application/json");
            message.Request.Content = BinaryContent.Create(BinaryData.FromString(body.ToJsonString()));
            await pipeline.SendAsync(message);

            Assert.Equal(200, message.Response!.Status);
            var answer = JsonNode.Parse(message.Response.Content.ToString())!;
            Assert.Equal(expected["generated_text"]!.GetValue<string>(), answer["choices"]![0]!["text"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task ModelClient_GetModels_ListsGpt2()
    {
        var client = new OpenAIClient(new ApiKeyCredential(fixture.Server.AdminKey), Options).GetOpenAIModelClient();
        var models = await client.GetModelsAsync();
        Assert.Contains(models.Value, m => m.Id == Gpt2TinyServer.Model && m.OwnedBy == "maas");
    }

    [Fact]
    public async Task ChatClient_UnknownModel_ThrowsWith404()
    {
        var client = new ChatClient("nope", new ApiKeyCredential(fixture.Server.AdminKey), Options);
        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("hi")]));
        Assert.Equal(404, error.Status);
    }

    private static List<OpenAI.Chat.ChatMessage> Messages(JsonNode expected) =>
        [.. expected["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>() switch
        {
            "system" => (OpenAI.Chat.ChatMessage)new SystemChatMessage(m["content"]!.GetValue<string>()),
            "assistant" => new AssistantChatMessage(m["content"]!.GetValue<string>()),
            _ => new UserChatMessage(m["content"]!.GetValue<string>()),
        })];
}
