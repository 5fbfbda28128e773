using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Maas.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Maas.Server.Tests.Auth;

/// <summary>
/// Every route × every kind of caller, in one table: 401 without a usable key, 403 without the scope or the model
/// grant, and a success status otherwise. The server runs on a fake clock so a key can expire mid-test.
/// </summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    private const string Row = "[0,1,2,3,4,5,6,7,8,9]";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-23T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly Dictionary<string, string?> _keys = [];
    private MaasTestServer _server = null!;

    // Callers: none, unknown, revoked, expired, admin, deploy, infer, infer-other (granted only model 'other').
    // Expected: 401 for the first four on every non-anonymous route; otherwise as listed.
    public static TheoryData<string, string, string, string, int, int, int, int> Routes => new()
    {
        // method, path, body, name, admin, deploy, infer, infer-other
        { "GET", "/v2/models/mlp", "", "V2 metadata", 200, 403, 200, 403 },
        { "GET", "/v2/models/mlp/ready", "", "V2 ready", 200, 403, 200, 403 },
        { "GET", "/v2/models/mlp/stats", "", "V2 stats", 200, 403, 200, 403 },
        { "POST", "/v2/models/mlp/infer", $"{{\"inputs\":[{{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,10],\"data\":{Row}}}]}}", "V2 infer", 200, 403, 200, 403 },
        { "POST", "/v1/models/mlp:predict", $"{{\"instances\":[{Row}]}}", "predict", 200, 403, 200, 403 },
        { "POST", "/v2/repository/index", "", "repository index", 200, 200, 403, 403 },
        { "POST", "/v2/repository/models/mlp/load", "", "repository load", 200, 200, 403, 403 },
        { "GET", "/api/models", "", "list models", 200, 200, 200, 200 },
        { "GET", "/api/models/mlp", "", "show model", 200, 200, 200, 403 },
        { "GET", "/api/models/mlp/versions/1/artifact", "", "download artifact", 200, 200, 200, 403 },
        { "PUT", "/api/models/mlp/aliases/prod", "{\"version\":1}", "set alias", 200, 200, 403, 403 },
        { "POST", "/api/models/mlp/versions?load=false", "@model", "push", 201, 201, 403, 403 },
        { "DELETE", "/api/models/mlp/aliases/nope", "", "delete alias", 404, 404, 403, 403 },
        { "GET", "/api/keys", "", "list keys", 200, 403, 403, 403 },
        { "POST", "/api/keys", "{\"name\":\"x\",\"scopes\":[\"infer\"]}", "create key", 201, 403, 403, 403 },
        { "GET", "/api/audit", "", "audit log", 200, 403, 403, 403 },
        { "GET", "/api/usage", "", "usage", 200, 200, 200, 200 },
        { "GET", "/v1/models", "", "OpenAI models", 200, 403, 200, 200 },
        { "GET", "/v1/models/mlp", "", "OpenAI model", 200, 403, 200, 403 },
        { "POST", "/v1/completions", "{\"model\":\"mlp\",\"prompt\":\"hi\"}", "OpenAI completions (not an LLM: 400)", 400, 403, 400, 403 },
        { "POST", "/v1/chat/completions", "{\"model\":\"mlp\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "OpenAI chat (not an LLM: 400)", 400, 403, 400, 403 },
        { "POST", "/v1/embeddings", "{\"model\":\"mlp\",\"input\":\"hi\"}", "OpenAI embeddings (not an encoder: 400)", 400, 403, 400, 403 },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_EachCaller_GetsExactlyTheDesignedStatus(
        string method, string path, string body, string name, int admin, int deploy, int infer, int inferOther)
    {
        var expected = new Dictionary<string, int>
        {
            ["none"] = 401, ["unknown"] = 401, ["revoked"] = 401, ["expired"] = 401,
            ["admin"] = admin, ["deploy"] = deploy, ["infer"] = infer, ["infer-other"] = inferOther,
        };
        foreach (var (caller, status) in expected)
        {
            using var client = _server.CreateClient(_keys[caller]);
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
            if (body == "@model")
            {
                request.Content = new ByteArrayContent(Expected.MlpModel);
            }
            else if (body.Length > 0)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(status == (int)response.StatusCode, $"{name} as {caller}: expected {status}, got {(int)response.StatusCode} {text}");
            if (status is 401 or 403)
            {
                // API.md's {"error": "..."}, or OpenAI's {"error": {"message": ...}} on the OpenAI routes.
                var error = JsonNode.Parse(text)!["error"]!;
                var message = error is JsonObject ? error["message"]!.GetValue<string>() : error.GetValue<string>();
                Assert.False(string.IsNullOrEmpty(message));
            }

            if (status == 401)
            {
                Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            }
        }
    }

    [Fact]
    public async Task Health_NoKey_IsAnswered()
    {
        using var client = _server.CreateClient(null);
        foreach (var path in new[] { "/v2/health/live", "/v2/health/ready", "/v2" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task ListModels_KeyWithGrant_SeesOnlyGrantedModels()
    {
        using var client = _server.CreateClient(_keys["infer-other"]);
        var list = await Json.ReadAsync(await client.GetAsync(new Uri("/api/models", UriKind.Relative)));
        Assert.Equal(["other"], list["models"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()));
    }

    public async Task InitializeAsync()
    {
        _server = await MaasTestServer.StartAsync(configureServices: services => services.AddSingleton<TimeProvider>(_clock));
        (await _server.PushAsync("mlp", Expected.MlpModel)).Dispose();
        (await _server.PushAsync("other", Expected.MlpModel)).Dispose();
        _keys["none"] = null;
        _keys["unknown"] = "maas_" + new string('x', 43);
        _keys["admin"] = _server.AdminKey;
        _keys["deploy"] = await CreateKeyAsync("deploy", ["deploy"], []);
        _keys["infer"] = await CreateKeyAsync("infer", ["infer"], []);
        _keys["infer-other"] = await CreateKeyAsync("infer-other", ["infer"], ["oth*"]);
        _keys["expired"] = await CreateKeyAsync("expired", ["admin"], [], expires: "1h");
        var revoked = await _server.Client.PostAsJsonAsync("/api/keys", new { name = "revoked", scopes = new[] { "admin" } });
        var revokedJson = await Json.ReadAsync(revoked);
        _keys["revoked"] = revokedJson["key"]!.GetValue<string>();
        (await _server.Client.DeleteAsync(new Uri($"/api/keys/{revokedJson["info"]!["id"]!.GetValue<string>()}", UriKind.Relative))).Dispose();
        _clock.Advance(TimeSpan.FromHours(2));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<string> CreateKeyAsync(string name, string[] scopes, string[] models, string? expires = null)
    {
        using var response = await _server.Client.PostAsJsonAsync("/api/keys", new { name, scopes, models, expires });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Json.ReadAsync(response))["key"]!.GetValue<string>();
    }
}
