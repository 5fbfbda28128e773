using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Maas.Server.Tests.Errors;
using Maas.Server.Tests.Infrastructure;
using Maas.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Maas.Server.Tests.Auth;

/// <summary>
/// Every body-reading route (V2 infer JSON and binary, :predict JSON and multipart, chat, completions, embeddings,
/// aliases, keys, load) gets its valid body with one value or name swapped for something hostile: a lone surrogate
/// escape, bytes that are not UTF-8, 1e39 and 1e999, NaN spellings, the wrong JSON type, deep nesting; plus cut and
/// byte-flipped bodies and multipart bodies without their closing boundary. Never a 5xx, every error is JSON in the
/// route's shape, and no error names a .NET type. Bounded (about 800 requests) so it runs in seconds on two cores.
/// </summary>
public sealed class RouteFuzzTests
{
    private const int Seed = 20261204;
    private const int PerRoute = 60;

    private static readonly string[] Hostile =
    [
        "\"\\ud800\"", "\"a\\udc00b\"", "\"\\ud800\\ud800\"", "\"<FF>\"", "\"ok<C0><AF>\"", "1e39", "-1e39", "1e999", "-1e999", "3.5e38",
        "70000", "\"NaN\"", "\"Infinity\"", "\"hot\"", "\"\"", "-1", "0", "1.5", "true", "null", "[]", "{}", "[1,\"a\",null]",
        "{\"b64\":\"\\ud800\"}", "9223372036854775808", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    ];

    private static readonly (string Target, bool OpenAi, string Body)[] Routes =
    [
        ("POST /v2/models/mlp/infer", false, """{"id":"a","inputs":[{"name":"x","datatype":"FP32","shape":[1,10],"data":[0,1,2,3,4,5,6,7,8,9]}],"outputs":[{"name":"y"}]}"""),
        ("POST /v2/models/embed/infer", false, """{"inputs":[{"name":"text","datatype":"BYTES","shape":[2],"data":["a fine day","rain"]}],"parameters":{"dimensions":8}}"""),
        ("POST /v1/models/mlp:predict", false, """{"instances":[[0,1,2,3,4,5,6,7,8,9],[9,8,7,6,5,4,3,2,1,0]]}"""),
        ("POST /v1/models/embed:predict", false, """{"instances":["a fine day","rain"],"parameters":{"dimensions":8}}"""),
        ("POST /v1/models/cifar:predict", false, """{"instances":[{"b64":"PNG"}],"parameters":{"top_k":2}}"""),
        ("POST /v1/chat/completions", true, """{"model":"gpt2","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hi"}],"max_tokens":2,"temperature":0.5,"top_p":0.9,"seed":1,"stop":["x"],"stop_token_ids":[1],"logprobs":true,"top_logprobs":1}"""),
        ("POST /v1/completions", true, """{"model":"gpt2","prompt":"once upon","max_tokens":2,"n":1,"temperature":0,"echo":false,"logprobs":1,"stream":false}"""),
        ("POST /v1/embeddings", true, """{"model":"embed","input":["a fine day","rain"],"encoding_format":"float","dimensions":8}"""),
        ("PUT /api/models/mlp/aliases/fuzz", false, """{"version":1}"""),
        ("POST /api/keys", false, """{"name":"fuzz","scopes":["infer"],"models":["mlp"],"expires":"1d","limits":{"requests_per_minute":10}}"""),
        ("POST /v2/repository/models/mlp/load", false, """{"parameters":{"max_batch_size":4,"instances":1}}"""),
    ];

    [Fact]
    public async Task EveryRoute_HostileValuesAndBrokenBodies_NeverFailNorLeakDotNetNames()
    {
        var log = new LogSink();
        await using var server = await MaasTestServer.StartAsync(configureServices: s => s.AddSingleton<ILoggerProvider>(log));
        await PushModelsAsync(server);
        var random = new Random(Seed);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        var png = File.ReadAllBytes(SharedModels.PathOf("cnn-cifar10", "images", "cat.png"));
        foreach (var (target, openAi, seed) in Routes)
        {
            var body = seed.Replace("\"PNG\"", $"\"{Convert.ToBase64String(png)}\"", StringComparison.Ordinal);
            for (var i = 0; i < PerRoute; i++)
            {
                var (bytes, how) = Mutate(random, body, i);
                await CheckAsync(server, target, openAi, bytes, "application/json", how, failures);
            }
        }

        for (var i = 0; i < PerRoute; i++)
        {
            var (bytes, contentType, how) = await MultipartAsync(random, png, i);
            await CheckAsync(server, "POST /v1/models/cifar:predict", false, bytes, contentType, how, failures);
        }

        var errors = log.Lines.Where(l => l.Contains("Unhandled", StringComparison.Ordinal)).Take(3);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20).Concat(errors)));
        using var health = await server.Client.GetAsync(new Uri("/v2/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"the fuzz run took {clock.Elapsed}");
    }

    private static async Task CheckAsync(MaasTestServer server, string target, bool openAi, byte[] body, string contentType, string how, List<string> failures)
    {
        var parts = target.Split(' ');
        using var request = new HttpRequestMessage(new HttpMethod(parts[0]), new Uri(parts[1], UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var description = $"{target} [{how}] {Show(body)}";
        HttpResponseMessage response;
        try
        {
            response = await server.Client.SendAsync(request);
        }
        catch (HttpRequestException ex)
        {
            using var live = await server.Client.GetAsync(new Uri("/v2/health/live", UriKind.Relative));
            if (live.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{description}: {ex.Message}, and the server is unhealthy afterwards");
            }

            return;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            if (status >= 500 || (how == "valid" && status >= 400))
            {
                // A valid seed must succeed, or the hostile variants never reach the code past the first check.
                failures.Add($"{description}: {status} {text}");
            }
            else if (status >= 400)
            {
                try
                {
                    var error = JsonNode.Parse(text)!["error"];
                    if (openAi ? error is not JsonObject : error is not JsonValue)
                    {
                        failures.Add($"{description}: {status} not in the route's error shape: {text}");
                    }

                    UnreadableInputTests.AssertNoDotNetNames(text);
                }
                catch (Exception ex) when (ex is JsonException or Xunit.Sdk.XunitException or NullReferenceException)
                {
                    failures.Add($"{description}: {status} {ex.Message} {text}");
                }
            }
        }
    }

    /// <summary>The seed with one value or property name swapped for a hostile token, or cut, or flipped, or as is.</summary>
    private static (byte[] Body, string How) Mutate(Random random, string seed, int index)
    {
        var tokens = Tokens(seed);
        switch (index % 8)
        {
            case 0:
                return (Encode(seed), "valid");
            case 1:
                var cut = Encode(seed);
                var at = random.Next(cut.Length);
                return (cut[..at], $"cut at {at}");
            case 2:
                var flipped = Encode(seed);
                for (var i = 0; i < 1 + random.Next(4); i++)
                {
                    flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
                }

                return (flipped, "flipped");
            case 3:
                var names = tokens.Where(t => t.IsName).ToList();
                var name = names[random.Next(names.Count)];
                var key = random.Next(2) == 0 ? "\"\\ud800\"" : "\"<FF>\"";
                return (Encode(string.Concat(seed.AsSpan(0, name.Start), key, seed.AsSpan(name.Start + name.Length))), "name " + key);
            default:
                var values = tokens.Where(t => !t.IsName).ToList();
                var value = values[random.Next(values.Count)];
                var hostile = Hostile[random.Next(Hostile.Length)];
                return (Encode(string.Concat(seed.AsSpan(0, value.Start), hostile, seed.AsSpan(value.Start + value.Length))), "value " + hostile);
        }
    }

    /// <summary>Where each scalar and property name of a seed is (seeds are ASCII without escapes).</summary>
    private static List<(int Start, int Length, bool IsName)> Tokens(string seed)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(seed));
        var tokens = new List<(int, int, bool)>();
        while (reader.Read())
        {
            var start = (int)reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    tokens.Add((start, reader.ValueSpan.Length + 2, true));
                    break;
                case JsonTokenType.String:
                    tokens.Add((start, reader.ValueSpan.Length + 2, false));
                    break;
                case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                    tokens.Add((start, reader.ValueSpan.Length, false));
                    break;
            }
        }

        return tokens;
    }

    /// <summary>An image upload, whole, cut before its closing boundary, cut anywhere, flipped, or with hostile fields.</summary>
    private static async Task<(byte[] Body, string ContentType, string How)> MultipartAsync(Random random, byte[] png, int index)
    {
        using var form = new MultipartFormDataContent("fuzz-boundary");
        var fileName = index % 6 == 4 ? "\"caf\u00e9\ud800.png\"" : "cat.png";
        var image = new ByteArrayContent(png);
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(image, "image", fileName);
        form.Add(new StringContent(index % 6 == 5 ? Hostile[random.Next(Hostile.Length)] : "2"), "top_k");
        var bytes = await form.ReadAsByteArrayAsync();
        var contentType = form.Headers.ContentType!.ToString();
        switch (index % 6)
        {
            case 1:
                return (bytes[..^"--fuzz-boundary--\r\n".Length], contentType, "no closing boundary");
            case 2:
                var at = random.Next(bytes.Length);
                return (bytes[..at], contentType, $"cut at {at}");
            case 3:
                for (var i = 0; i < 1 + random.Next(6); i++)
                {
                    bytes[random.Next(Math.Min(bytes.Length, 400))] = (byte)random.Next(256);
                }

                return (bytes, contentType, "flipped headers");
            default:
                return (bytes, contentType, (index % 6) switch { 4 => "hostile file name", 5 => "hostile top_k", _ => "valid" });
        }
    }

    private static byte[] Encode(string text)
    {
        // <FF>, <C0><AF> stand for bytes that are not UTF-8 (0xC0 0xAF is an overlong '/').
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '<' && i + 3 < text.Length && text[i + 3] == '>' && byte.TryParse(text.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var raw))
            {
                bytes.Add(raw);
                i += 3;
                continue;
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
        }

        return [.. bytes];
    }

    private static string Show(byte[] body) =>
        Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 300)));

    private static async Task PushModelsAsync(MaasTestServer server)
    {
        using var embeddings = new TempDirectory("fuzz-embed");
        foreach (var file in Directory.GetFiles(SharedModels.PathOf("bert-tiny-sentiment")))
        {
            File.Copy(file, embeddings.Combine(Path.GetFileName(file)));
        }

        await File.WriteAllTextAsync(embeddings.Combine("maas.json"), """{"model_file": "embeddings.onnx", "task": "feature-extraction"}""");
        (string Name, byte[] Artifact, string Type)[] models =
        [
            ("mlp", Expected.MlpModel, "application/octet-stream"),
            ("embed", Archives.TarGz(embeddings.Path, includeBaseDirectory: false), "application/gzip"),
            ("cifar", Archives.TarGz(SharedModels.PathOf("cnn-cifar10"), includeBaseDirectory: false), "application/gzip"),
            ("gpt2", Archives.TarGz(SharedModels.PathOf("gpt2-tiny"), includeBaseDirectory: false), "application/gzip"),
        ];
        foreach (var (name, artifact, type) in models)
        {
            using var push = await server.PushAsync(name, artifact, type);
            Assert.True(push.StatusCode == HttpStatusCode.Created, $"push {name}: {(int)push.StatusCode} {await push.Content.ReadAsStringAsync()}");
        }
    }
}
