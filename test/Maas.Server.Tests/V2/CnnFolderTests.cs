using System.Net;
using System.Text.Json.Nodes;
using Maas.Server.Tests.Infrastructure;
using Maas.Testing;

namespace Maas.Server.Tests.V2;

/// <summary>Flow 5: a model folder (zip or tar.gz) is pushed, its ONNX file found, and FP32 [N,3,32,32] infers.</summary>
public sealed class CnnFolderTests
{
    public static TheoryData<string> Packings => new() { "zip", "tar.gz", "tar.gz-with-top-folder" };

    [Theory]
    [MemberData(nameof(Packings))]
    public async Task Infer_CnnFolderArchive_MatchesPyTorchLogitsAndProbabilities(string packing)
    {
        var folder = SharedModels.PathOf("cnn-cifar10");
        var (artifact, contentType) = packing switch
        {
            "zip" => (Archives.Zip(folder), "application/zip"),
            "tar.gz" => (Archives.TarGz(folder, includeBaseDirectory: false), "application/gzip"),
            _ => (Archives.TarGz(folder, includeBaseDirectory: true), "application/gzip"),
        };
        await using var server = await MaasTestServer.StartAsync();
        using var push = await server.PushAsync("cifar", artifact, contentType);
        var version = await Json.ReadAsync(push);
        Assert.Equal(HttpStatusCode.Created, push.StatusCode);
        Assert.Equal("model.onnx", version["model_file"]!.GetValue<string>());
        Assert.Equal("[-1,3,32,32]", version["inputs"]![0]!["shape"]!.ToJsonString());

        var expected = Expected.Load("cnn-cifar10");
        var pixels = File.ReadAllBytes(SharedModels.PathOf("cnn-cifar10", "reference_pixel_values.f32"));
        var floats = new float[pixels.Length / 4];
        Buffer.BlockCopy(pixels, 0, floats, 0, pixels.Length);
        var request = new JsonObject
        {
            ["inputs"] = new JsonArray(new JsonObject
            {
                ["name"] = "pixel_values",
                ["datatype"] = "FP32",
                ["shape"] = new JsonArray(6, 3, 32, 32),
                ["data"] = new JsonArray(floats.Select(f => (JsonNode)JsonValue.Create(f)).ToArray()),
            }),
        };
        var response = await Json.PostAsync(server.Client, "/v2/models/cifar/infer", request);
        var logits = response["outputs"]![0]!["data"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.Equal(60, logits.Length);

        var results = expected["results"]!.AsArray();
        for (var image = 0; image < 6; image++)
        {
            var row = logits.AsSpan(image * 10, 10).ToArray();
            var wantLogits = results[image]!["logits"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
            var wantProbabilities = results[image]!["probabilities"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
            var probabilities = Softmax(row);
            for (var k = 0; k < 10; k++)
            {
                Assert.True(Math.Abs(row[k] - wantLogits[k]) <= 1e-3, $"image {image} logit {k}: {row[k]} vs {wantLogits[k]}");
                Assert.True(Math.Abs(probabilities[k] - wantProbabilities[k]) <= 1e-4, $"image {image} p{k}: {probabilities[k]} vs {wantProbabilities[k]}");
            }

            Assert.Equal(results[image]!["predicted_id"]!.GetValue<int>(), Array.IndexOf(row, row.Max()));
        }
    }

    private static double[] Softmax(double[] logits)
    {
        var max = logits.Max();
        var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
        var sum = exp.Sum();
        return exp.Select(e => e / sum).ToArray();
    }
}
