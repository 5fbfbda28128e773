using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Maas.Server.Tests.OpenAi;

/// <summary>Every client mistake is a 4xx with an OpenAI error object naming the field, never a 500.</summary>
[Collection(Gpt2TinyCollection.Name)]
public sealed class ErrorTests(Gpt2TinyServer fixture)
{
    [Fact]
    public async Task Completions_UnknownModel_404ModelNotFound()
    {
        var (status, body) = await fixture.PostAsync("/v1/completions", new JsonObject { ["model"] = "nope", ["prompt"] = "hi" });
        AssertError(status, body, 404, "model", "not_found_error");
        Assert.Equal("model_not_found", body["error"]!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("temperature", 2.5)]
    [InlineData("temperature", -0.1)]
    [InlineData("top_p", 0)]
    [InlineData("top_p", 1.5)]
    [InlineData("n", 0)]
    [InlineData("n", 9)]
    [InlineData("max_tokens", 0)]
    [InlineData("presence_penalty", 3)]
    [InlineData("frequency_penalty", -2.5)]
    [InlineData("logprobs", 21)]
    public async Task Completions_OutOfRange_400NamingParam(string param, double value)
    {
        var request = new JsonObject { ["model"] = Gpt2TinyServer.Model, ["prompt"] = "one", [param] = value };
        var (status, body) = await fixture.PostAsync("/v1/completions", request);
        AssertError(status, body, 400, param);
    }

    [Fact]
    public async Task Chat_TopLogprobsOutOfRange_400()
    {
        var request = Chat();
        request["logprobs"] = true;
        request["top_logprobs"] = 21;
        var (status, body) = await fixture.PostAsync("/v1/chat/completions", request);
        AssertError(status, body, 400, "top_logprobs");
    }

    [Fact]
    public async Task Completions_PromptLongerThanContext_400WithTheNumbers()
    {
        var prompt = string.Join(' ', Enumerable.Repeat("one two three", 60));
        var (status, body) = await fixture.PostAsync("/v1/completions", new JsonObject { ["model"] = Gpt2TinyServer.Model, ["prompt"] = prompt });
        AssertError(status, body, 400, "prompt");
        var message = body["error"]!["message"]!.GetValue<string>();
        Assert.Contains("maximum context length is 128 tokens", message, StringComparison.Ordinal);
        var promptTokens = int.Parse(Regex.Match(message, @"the prompt has (\d+) tokens").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(promptTokens > 128, message);
    }

    [Fact]
    public async Task Completions_MaxTokensPastContext_400WithTheNumbers()
    {
        var request = new JsonObject { ["model"] = Gpt2TinyServer.Model, ["prompt"] = "one two three", ["max_tokens"] = 200 };
        var (status, body) = await fixture.PostAsync("/v1/completions", request);
        AssertError(status, body, 400, "max_tokens");
        Assert.Contains("203", body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completions_TensorModel_400NotAGenerationModel()
    {
        var (status, body) = await fixture.PostAsync("/v1/completions", new JsonObject { ["model"] = "mlp", ["prompt"] = "hi" });
        AssertError(status, body, 400, "model");
        Assert.Contains("text-generation", body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model": "gpt2", "prompt": "a", "suffix": "b"}""", "suffix")]
    [InlineData("""{"model": "gpt2", "prompt": []}""", "prompt")]
    [InlineData("""{"model": "gpt2", "prompt": [1, "x"]}""", "prompt")]
    [InlineData("""{"model": "gpt2", "prompt": [99999]}""", "prompt")]
    [InlineData("""{"model": "gpt2", "prompt": "a", "stop": 5}""", "stop")]
    [InlineData("""{"model": "gpt2", "prompt": "a", "stream_options": {"include_usage": true}}""", "stream_options")]
    [InlineData("""{"model": "gpt2", "prompt": "a", "temperature": "hot"}""", "temperature")]
    [InlineData("""{"prompt": "a"}""", "model")]
    public async Task Completions_MalformedField_400NamingIt(string json, string param)
    {
        var (status, body) = await PostRawAsync("/v1/completions", json);
        AssertError(status, body, 400, param);
    }

    [Theory]
    [InlineData("""{"model": "gpt2", "messages": []}""", "messages")]
    [InlineData("""{"model": "gpt2", "messages": [{"content": "hi"}]}""", "messages[0]")]
    [InlineData("""{"model": "gpt2", "messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}]}""", "messages[0].content")]
    [InlineData("""{"model": "gpt2", "messages": [{"role": "user", "content": "hi"}], "response_format": {"type": "json_object"}}""", "response_format")]
    [InlineData("""{"model": "gpt2", "messages": [{"role": "user", "content": "hi"}], "tools": [{"type": "function", "function": {"name": "f"}}]}""", "tools")]
    [InlineData("""{"model": "gpt2", "messages": [{"role": "user", "content": "hi"}], "tool_choice": "required"}""", "tool_choice")]
    [InlineData("""{"model": "gpt2", "messages": [{"role": "user", "content": "hi"}], "top_logprobs": 2}""", "top_logprobs")]
    public async Task Chat_MalformedField_400NamingIt(string json, string param)
    {
        var (status, body) = await PostRawAsync("/v1/chat/completions", json);
        AssertError(status, body, 400, param);
    }

    [Fact]
    public async Task Chat_NotJson_400OpenAiShape()
    {
        var (status, body) = await PostRawAsync("/v1/chat/completions", "{not json");
        Assert.Equal(400, status);
        Assert.Equal("invalid_request_error", body["error"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Models_ListsEveryModelInOpenAiShape()
    {
        var body = JsonNode.Parse(await fixture.Client.GetStringAsync(new Uri("/v1/models", UriKind.Relative)))!;
        Assert.Equal("list", body["object"]!.GetValue<string>());
        var ids = body["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToList();
        Assert.Contains(Gpt2TinyServer.Model, ids);
        Assert.Contains("mlp", ids);
        Assert.All(body["data"]!.AsArray(), m => Assert.Equal("maas", m!["owned_by"]!.GetValue<string>()));

        var one = JsonNode.Parse(await fixture.Client.GetStringAsync(new Uri("/v1/models/gpt2:1", UriKind.Relative)))!;
        Assert.Equal("gpt2:1", one["id"]!.GetValue<string>());
        Assert.Equal("model", one["object"]!.GetValue<string>());

        using var missing = await fixture.Client.GetAsync(new Uri("/v1/models/nope", UriKind.Relative));
        var error = JsonNode.Parse(await missing.Content.ReadAsStringAsync())!;
        Assert.Equal(404, (int)missing.StatusCode);
        Assert.Equal("model_not_found", error["error"]!["code"]!.GetValue<string>());
    }

    private static JsonObject Chat() => new()
    {
        ["model"] = Gpt2TinyServer.Model,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }),
    };

    private async Task<(int Status, JsonNode Body)> PostRawAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await fixture.Client.PostAsync(new Uri(path, UriKind.Relative), content);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static void AssertError(int status, JsonNode body, int expectedStatus, string param, string type = "invalid_request_error")
    {
        Assert.True(status == expectedStatus, $"{status}: {body.ToJsonString()}");
        var error = body["error"]!;
        Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
        Assert.Equal(type, error["type"]!.GetValue<string>());
        Assert.Equal(param, error["param"]?.GetValue<string>());
    }
}
