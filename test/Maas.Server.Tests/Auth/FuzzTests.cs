using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Maas.Server.Tests.Infrastructure;
using Maas.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Maas.Server.Tests.Auth;

/// <summary>
/// Thousands of random and mutated bodies (JSON, binary tensors, archives) against the inference and registry routes,
/// sent with a key granted only one model: never a 5xx, the server stays healthy, and no answer carries another
/// model's name or hash or any key.
/// </summary>
public sealed class FuzzTests
{
    private const int Seed = 20261123;

    [Fact]
    public async Task Routes_2000RandomAndMutatedBodies_NeverFailOrLeak()
    {
        var log = new LogSink();
        await using var server = await MaasTestServer.StartAsync(
            settings: new Dictionary<string, string> { ["Limits:MaxInferenceBodyBytes"] = "1048576" },
            configureServices: s => s.AddSingleton<ILoggerProvider>(log));
        (await server.PushAsync("mlp", Expected.MlpModel)).Dispose();
        var hidden = await Json.ReadAsync(await server.PushAsync("hidden-model", File.ReadAllBytes(SharedModels.PathOf("cnn-cifar10", "model.onnx"))));
        var created = await Json.ReadAsync(await server.Client.PostAsJsonAsync("/api/keys", new { name = "fuzz", scopes = new[] { "infer", "deploy" }, models = new[] { "mlp", "fuzz*" } }));
        var fuzzKey = created["key"]!.GetValue<string>();
        // The hidden model's hash and its input's name must never show; its name only where the request itself named it.
        string[] forbidden = [hidden["sha256"]!.GetValue<string>(), "pixel_values", server.AdminKey, fuzzKey];

        using var client = server.CreateClient(fuzzKey);
        var random = new Random(Seed);
        using var folder = new TempDirectory("fuzz-model");
        File.WriteAllBytes(folder.Combine("model.onnx"), Expected.MlpModel);
        var corpus = new BodyCorpus(random, Archives.TarGz(folder.Path, includeBaseDirectory: false));
        var failures = new List<string>();
        for (var i = 0; i < 2000; i++)
        {
            using var request = corpus.Next(i);
            var description = $"#{i} {request.Method} {request.RequestUri}";
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request);
            }
            catch (HttpRequestException ex)
            {
                // The server may close a connection on a framing error it refuses; that is not a failure, a hang would be.
                failures.AddRange(await HealthProblemAsync(server, description + " " + ex.Message));
                continue;
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{description}: {(int)response.StatusCode} {text}");
                }

                var named = request.RequestUri!.OriginalString.Contains("hidden-model", StringComparison.Ordinal);
                foreach (var secret in named ? forbidden : [.. forbidden, "hidden-model"])
                {
                    if (text.Contains(secret, StringComparison.Ordinal))
                    {
                        failures.Add($"{description}: the answer leaks '{secret[..Math.Min(12, secret.Length)]}'");
                    }
                }
            }
        }

        var errors = log.Lines.Where(l => l.Contains("Unhandled", StringComparison.Ordinal)).Take(3);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20).Concat(errors)));
        using var health = await server.Client.GetAsync(new Uri("/v2/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var answer = await Json.PostAsync(server.Client, "/v1/models/mlp:predict", System.Text.Json.Nodes.JsonNode.Parse("{\"instances\":[[0,0,0,0,0,0,0,0,0,0]]}")!);
        Assert.Single(answer["predictions"]!.AsArray());
    }

    private static async Task<IEnumerable<string>> HealthProblemAsync(MaasTestServer server, string context)
    {
        using var health = await server.Client.GetAsync(new Uri("/v2/health/live", UriKind.Relative));
        return health.StatusCode == HttpStatusCode.OK ? [] : [$"{context}: server unhealthy afterwards"];
    }

    /// <summary>Valid requests of every kind, then mutated: bytes flipped, cut, spliced, nested, or replaced by noise.</summary>
    private sealed class BodyCorpus(Random random, byte[] archive)
    {
        private static readonly string[] Seeds =
        [
            "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,10],\"data\":[0,1,2,3,4,5,6,7,8,9]}]}",
            "{\"id\":\"a\",\"parameters\":{\"binary_data_output\":true},\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[2,10],\"data\":[[0,1,2,3,4,5,6,7,8,9],[9,8,7,6,5,4,3,2,1,0]]}],\"outputs\":[{\"name\":\"y\"}]}",
            "{\"instances\":[[0,1,2,3,4,5,6,7,8,9],[1,1,1,1,1,1,1,1,1,1]]}",
            "{\"version\":1}",
            "{\"parameters\":{\"max_batch_size\":4}}",
        ];

        private static readonly string[] Targets =
        [
            "POST /v2/models/mlp/infer", "POST /v2/models/mlp/versions/1/infer", "POST /v1/models/mlp:predict",
            "POST /v1/models/mlp:1:predict", "PUT /api/models/mlp/aliases/fuzz", "POST /v2/repository/models/mlp/load",
            "POST /v2/models/hidden-model/infer", "POST /v1/models/hidden-model:predict", "GET /api/models/hidden-model",
        ];

        private static readonly string[] Splices =
        [
            "null", "[]", "{}", "\"\"", "-1", "1e309", "NaN", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
            "\"BYTES\"", "\"FP16\"", "[4294967296,1]", "9223372036854775808", "\"\\u0000\"", "{\"binary_data_size\":99999}",
        ];

        public HttpRequestMessage Next(int index)
        {
            // Every 10th request pushes a mutated archive to a name the key may use; the rest hit inference and alias routes.
            if (index % 10 == 9)
            {
                return Push(Mutate(archive, intensity: 1 + random.Next(8)));
            }

            var target = Targets[random.Next(Targets.Length)].Split(' ');
            var body = Encoding.UTF8.GetBytes(Seeds[random.Next(Seeds.Length)]);
            body = random.Next(6) switch
            {
                0 => Mutate(body, intensity: 1 + random.Next(6)),
                1 => Splice(body),
                2 => body[..random.Next(body.Length)],
                3 => RandomBytes(random.Next(1, 512)),
                4 => Splice(Splice(body)),
                _ => body,
            };
            var request = new HttpRequestMessage(new HttpMethod(target[0]), new Uri(target[1], UriKind.Relative));
            if (target[0] != "GET")
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(random.Next(4) == 0 ? "application/octet-stream" : "application/json");
                if (target[1].EndsWith("/infer", StringComparison.Ordinal) && random.Next(3) == 0)
                {
                    // A binary-extension request whose header length is right, off, or nonsense.
                    var length = random.Next(3) switch { 0 => body.Length, 1 => random.Next(-5, body.Length + 50), _ => random.Next() };
                    request.Content.Headers.TryAddWithoutValidation("Inference-Header-Content-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            return request;
        }

        private HttpRequestMessage Push(byte[] body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/models/fuzz-model/versions?load=false", UriKind.Relative))
            {
                Content = new ByteArrayContent(body),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
            return request;
        }

        private byte[] Mutate(byte[] source, int intensity)
        {
            var copy = (byte[])source.Clone();
            for (var i = 0; i < intensity && copy.Length > 0; i++)
            {
                copy[random.Next(copy.Length)] = (byte)random.Next(256);
            }

            return copy;
        }

        private byte[] Splice(byte[] source)
        {
            var at = random.Next(source.Length + 1);
            var insert = Encoding.UTF8.GetBytes(Splices[random.Next(Splices.Length)]);
            var cut = Math.Min(source.Length - at, random.Next(8));
            return [.. source.AsSpan(0, at), .. insert, .. source.AsSpan(at + cut)];
        }

        private byte[] RandomBytes(int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }
    }
}
