using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Maas.Server.Tests.Infrastructure;

namespace Maas.Server.Tests.Errors;

/// <summary>
/// Every answer that is not a success still speaks its protocol: a body in the route's error shape (unknown routes
/// and wrong methods included), the security headers, and Retry-After on a 503.
/// </summary>
public sealed class ErrorShapeTests : IAsyncLifetime
{
    private MaasTestServer _server = null!;

    [Theory]
    [InlineData("GET", "/nope", false, "no route matches GET /nope")]
    [InlineData("POST", "/v2/models/mlp/nonsense", false, "no route matches POST /v2/models/mlp/nonsense")]
    [InlineData("GET", "/v1/chat/nothing", true, "no route matches GET /v1/chat/nothing")]
    [InlineData("POST", "/v1/embeddings/extra", true, "no route matches POST /v1/embeddings/extra")]
    public async Task UnknownRoute_Answers404WithTheProtocolsErrorBody(string method, string path, bool openAi, string phrase)
    {
        using var response = await SendAsync(method, path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(phrase, await MessageAsync(response, openAi), StringComparison.Ordinal);
        AssertSecurityHeaders(response);
    }

    [Theory]
    [InlineData("GET", "/v1/chat/completions", true, "POST")]
    [InlineData("PUT", "/v1/embeddings", true, "POST")]
    [InlineData("DELETE", "/v2/health/ready", false, "GET")]
    [InlineData("PATCH", "/api/keys", false, "GET")]
    public async Task WrongMethod_Answers405NamingMethodAndAllowedOnes(string method, string path, bool openAi, string allowed)
    {
        using var response = await SendAsync(method, path);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var message = await MessageAsync(response, openAi);
        Assert.Contains($"method {method} is not allowed on {path}", message, StringComparison.Ordinal);
        Assert.Contains(allowed, message, StringComparison.Ordinal);
        Assert.Contains(allowed, response.Content.Headers.Allow);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task ErrorShape_FollowsTheEndpointNotThePath()
    {
        // GET /v1/models/{id} is an OpenAI endpoint, POST /v1/models/{ref}:predict a KServe one: same prefix, two shapes.
        using var openAi = await SendAsync("GET", "/v1/models/absent");
        using var kserve = await SendAsync("POST", "/v1/models/absent:predict", """{"instances":[[1]]}""");

        Assert.Equal("model_not_found", (await Json.ReadAsync(openAi))["error"]!["code"]!.GetValue<string>());
        Assert.IsAssignableFrom<JsonValue>((await Json.ReadAsync(kserve))["error"]);
    }

    [Theory]
    [InlineData("GET", "/api/keys", null, HttpStatusCode.Unauthorized)]
    [InlineData("POST", "/v1/models/mlp:predict", "{", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/v1/chat/completions", "{\"temperature\": \"hot\"}", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/models/absent", null, HttpStatusCode.NotFound)]
    public async Task ErrorAnswers_CarryTheSecurityHeaders(string method, string path, string? body, HttpStatusCode status)
    {
        using var response = await SendAsync(method, path, body, authenticated: status != HttpStatusCode.Unauthorized);

        Assert.Equal(status, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task UnloadedVersion_Answers503WithRetryAfter()
    {
        using var unload = await SendAsync("POST", "/v2/repository/models/mlp/unload");
        Assert.Equal(HttpStatusCode.OK, unload.StatusCode);

        using var response = await SendAsync("POST", "/v1/models/mlp:predict", """{"instances":[[0,1,2,3,4,5,6,7,8,9]]}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter!.Delta);
        AssertSecurityHeaders(response);
        using var load = await SendAsync("POST", "/v2/repository/models/mlp/load");
        Assert.Equal(HttpStatusCode.OK, load.StatusCode);
    }

    public async Task InitializeAsync()
    {
        _server = await MaasTestServer.StartAsync();
        using var push = await _server.PushAsync("mlp", Expected.MlpModel);
        Assert.Equal(HttpStatusCode.Created, push.StatusCode);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response, bool openAi)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonNode.Parse(text)!["error"]!;
        if (openAi)
        {
            Assert.True(error is JsonObject, text);
            Assert.NotNull(error["type"]);
            return error["message"]!.GetValue<string>();
        }

        Assert.True(error is JsonValue, text);
        return error.GetValue<string>();
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? body = null, bool authenticated = true)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var client = _server.CreateClient(authenticated ? _server.AdminKey : null);
        return await client.SendAsync(request);
    }
}
