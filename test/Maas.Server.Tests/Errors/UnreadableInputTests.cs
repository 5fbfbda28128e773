using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Maas.Server.Tests.Infrastructure;

namespace Maas.Server.Tests.Errors;

/// <summary>
/// Input the JSON and multipart readers only choke on late (a lone surrogate escape, bytes that are not UTF-8, a
/// multipart body cut before its closing boundary, a number that overflows its tensor type, a value of the wrong JSON
/// type) is a 400 naming the field on every protocol, in that protocol's error shape, with no .NET name in it.
/// </summary>
public sealed class UnreadableInputTests : IAsyncLifetime
{
    private const string Row = "[0,1,2,3,4,5,6,7,8,9]";

    /// <summary>Stands for the byte 0xFF (never valid UTF-8) in a body below.</summary>
    private const string BadByte = "<FF>";

    private MaasTestServer _server = null!;

    public static TheoryData<string, string, string, string, string?> Cases => new()
    {
        // name, "METHOD path", body, a phrase the message must contain, the OpenAI param (null: plain error shape)
        { "V2 BYTES data lone surrogate", "POST /v2/models/mlp/infer", """{"inputs":[{"name":"x","datatype":"BYTES","shape":[1],"data":["a\ud800"]}]}""", "'inputs[0].data[0]' contains an unpaired UTF-16 surrogate escape", null },
        { "V2 input name lone surrogate", "POST /v2/models/mlp/infer", """{"inputs":[{"name":"\ud800","datatype":"FP32","shape":[1,10],"data":[0,1,2,3,4,5,6,7,8,9]}]}""", "'inputs[0].name' contains an unpaired", null },
        { "V2 output name lone surrogate", "POST /v2/models/mlp/infer", """{"inputs":[{"name":"x","datatype":"FP32","shape":[1,10],"data":[0,1,2,3,4,5,6,7,8,9]}],"outputs":[{"name":"\udfff"}]}""", "'outputs[0].name' contains an unpaired", null },
        { "predict instance lone surrogate", "POST /v1/models/mlp:predict", """{"instances":["\ud800"]}""", "'instances[0]' contains an unpaired", null },
        { "predict low surrogate first", "POST /v1/models/mlp:predict", """{"instances":["\udc00\ud800"]}""", "'instances[0]' contains an unpaired", null },
        { "property name lone surrogate", "POST /v1/models/mlp:predict", """{"instances":[{"\ud800":1}]}""", "a property name in 'instances[0]'", null },
        { "chat content lone surrogate", "POST /v1/chat/completions", """{"model":"gpt2","messages":[{"role":"user","content":"hi \ud800"}]}""", "contains an unpaired", "messages[0].content" },
        { "completions prompt lone surrogate", "POST /v1/completions", """{"model":"gpt2","prompt":"\ud800"}""", "contains an unpaired", "prompt" },
        { "embeddings input lone surrogate", "POST /v1/embeddings", """{"model":"embed","input":["ok","\ud800"]}""", "contains an unpaired", "input[1]" },
        { "chat invalid UTF-8", "POST /v1/chat/completions", """{"model":"gpt2","messages":[{"role":"user","content":"<FF>"}]}""", "not valid UTF-8", null },
        { "completions invalid UTF-8", "POST /v1/completions", """{"model":"gpt2","prompt":"a<FF>b"}""", "not valid UTF-8", null },
        { "embeddings invalid UTF-8", "POST /v1/embeddings", """{"model":"embed","input":"<FF>"}""", "not valid UTF-8", null },
        { "chat temperature a string", "POST /v1/chat/completions", """{"model":"gpt2","messages":[],"temperature":"hot"}""", "'temperature' must be a number", "temperature" },
        { "chat stream a string", "POST /v1/chat/completions", """{"model":"gpt2","messages":[],"stream":"yes"}""", "'stream' must be a boolean", "stream" },
        { "chat stop_token_ids strings", "POST /v1/chat/completions", """{"model":"gpt2","messages":[],"stop_token_ids":[1,"a"]}""", "'stop_token_ids[1]' must be an integer", "stop_token_ids[1]" },
        { "chat stream_options a number", "POST /v1/chat/completions", """{"model":"gpt2","messages":[],"stream_options":5}""", "'stream_options' must be an object", "stream_options" },
        { "chat body an array", "POST /v1/chat/completions", "[]", "the request body must be a JSON object", null },
        { "completions model a number", "POST /v1/completions", """{"model":5,"prompt":"x"}""", "'model' must be a string", "model" },
        { "completions max_tokens fractional", "POST /v1/completions", """{"model":"gpt2","prompt":"x","max_tokens":1.5}""", "'max_tokens' must be an integer", "max_tokens" },
        { "V2 FP32 overflow", "POST /v2/models/mlp/infer", """{"inputs":[{"name":"x","datatype":"FP32","shape":[1,10],"data":[0,1,2,1e39,4,5,6,7,8,9]}]}""", "input 'x': element 3 is 1e39, outside the range of FP32", null },
        { "V2 FP32 beyond double", "POST /v2/models/mlp/infer", """{"inputs":[{"name":"x","datatype":"FP32","shape":[1,10],"data":[0,1,2,3,4,5,6,7,8,-1e999]}]}""", "input 'x': element 9 is -1e999, outside the range", null },
        { "V2 FP16 overflow", "POST /v2/models/mlp/infer", """{"inputs":[{"name":"x","datatype":"FP16","shape":[1,10],"data":[70000,1,2,3,4,5,6,7,8,9]}]}""", "input 'x': element 0 is 70000, outside the range of FP16", null },
        { "predict FP32 overflow", "POST /v1/models/mlp:predict", """{"instances":[[0,1,2,3,4,5,6,7,8,9],[0,1,2,3,4,5,6,7,8,3.5e38]]}""", "input 'x': element 19 is 3.5e38, outside the range of FP32", null },
        { "alias version a string", "PUT /api/models/mlp/aliases/prod", """{"version":"one"}""", "'version' must be an integer", null },
        { "alias lone surrogate", "PUT /api/models/mlp/aliases/prod", """{"version":1,"note":"\ud800"}""", "'note' contains an unpaired", null },
        { "key name a number", "POST /api/keys", """{"name":5}""", "'name' must be a string", null },
        { "key scopes a string", "POST /api/keys", """{"name":"ci","scopes":"infer"}""", "'scopes' must be an array", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Request_UnreadableOrMistypedValue_Answers400NamingTheField(string name, string target, string body, string phrase, string? param)
    {
        var (status, text) = await SendAsync(target, Bytes(body), "application/json");
        var error = JsonNode.Parse(text)!["error"]!;
        var message = error is JsonObject ? error["message"]!.GetValue<string>() : error.GetValue<string>();

        Assert.True(status == 400, $"{name}: {status} {text}");
        Assert.Contains(phrase, message, StringComparison.Ordinal);
        AssertNoDotNetNames(text);
        if (param is not null)
        {
            Assert.Equal(param, error["param"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task OpenAiRoutes_PairedSurrogateEscape_IsReadAsText()
    {
        // Python's json.dumps writes an emoji as a pair of escapes: that is valid and reaches the model lookup.
        var (status, text) = await SendAsync("POST /v1/chat/completions", Bytes("""{"model":"nope","messages":[{"role":"user","content":"\ud83d\ude00"}]}"""), "application/json");

        Assert.True(status == 404, text);
        Assert.Equal("model_not_found", JsonNode.Parse(text)!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task PredictMultipart_BodyWithoutClosingBoundary_Answers400()
    {
        const string boundary = "maas-boundary";
        var body = $"--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\u0089PNG-cut-here";

        var (status, text) = await SendAsync("POST /v1/models/mlp:predict", Encoding.Latin1.GetBytes(body), $"multipart/form-data; boundary={boundary}");

        Assert.True(status == 400, text);
        Assert.Contains("closing boundary", JsonNode.Parse(text)!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        using var health = await _server.Client.GetAsync(new Uri("/v2/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Load_InvalidServingSetting_Answers400AndTheVersionKeepsServing()
    {
        var (status, text) = await SendAsync("POST /v2/repository/models/mlp/load", Bytes("""{"parameters":{"instances":0}}"""), "application/json");
        var (after, answer) = await SendAsync("POST /v1/models/mlp:predict", Bytes("{\"instances\":[" + Row + "]}"), "application/json");

        Assert.True(status == 400, text);
        Assert.Contains("'instances' must be an integer from 1 to 64", text, StringComparison.Ordinal);
        Assert.True(after == 200, answer);
    }

    internal static void AssertNoDotNetNames(string text)
    {
        foreach (var leak in new[] { "System.", "Exception", "(Parameter", "Nullable`" })
        {
            Assert.False(text.Contains(leak, StringComparison.Ordinal), $"the answer leaks '{leak}': {text}");
        }
    }

    public async Task InitializeAsync()
    {
        _server = await MaasTestServer.StartAsync();
        using var push = await _server.PushAsync("mlp", Expected.MlpModel);
        Assert.Equal(HttpStatusCode.Created, push.StatusCode);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static byte[] Bytes(string body)
    {
        var parts = body.Split(BadByte);
        return [.. parts.SelectMany((part, i) => i == 0 ? Encoding.UTF8.GetBytes(part) : [0xFF, .. Encoding.UTF8.GetBytes(part)])];
    }

    private async Task<(int Status, string Text)> SendAsync(string target, byte[] body, string contentType)
    {
        var parts = target.Split(' ');
        using var request = new HttpRequestMessage(new HttpMethod(parts[0]), new Uri(parts[1], UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await _server.Client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
