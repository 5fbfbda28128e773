using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Maas.Server.Tests.Infrastructure;
using Maas.Testing;

namespace Maas.Server.Tests.Pipelines;

/// <summary>cnn-cifar10 classifies the sample PNGs as expected.json says, by b64, multipart and V2; bad images get 4xx.</summary>
[Collection(PipelineCollection.Name)]
public sealed class ImageClassificationTests(PipelineServerFixture fixture)
{
    private static readonly JsonArray Results = Expected.Load("cnn-cifar10")["results"]!.AsArray();

    private static byte[] Image(JsonNode result) => File.ReadAllBytes(SharedModels.PathOf("cnn-cifar10", result["image"]!.GetValue<string>()));

    [Fact]
    public async Task Predict_SamplePngsAsB64_MatchPyTorchLabelsAndProbabilities()
    {
        var instances = new JsonArray(Results.Select(r => (JsonNode)new JsonObject { ["b64"] = Convert.ToBase64String(Image(r!)) }).ToArray());
        var response = await Json.PostAsync(fixture.Client, "/v1/models/cifar:predict", new JsonObject { ["instances"] = instances });
        var predictions = response["predictions"]!.AsArray();
        for (var i = 0; i < Results.Count; i++)
        {
            AssertMatches(Results[i]!, predictions[i]!);
        }
    }

    [Fact]
    public async Task Predict_MultipartUpload_SameAnswerAsB64WithTopK()
    {
        using var form = new MultipartFormDataContent();
        foreach (var result in Results.Take(2))
        {
            var file = new ByteArrayContent(Image(result!));
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "image", Path.GetFileName(result!["image"]!.GetValue<string>()));
        }

        form.Add(new StringContent("5"), "top_k");
        using var response = await fixture.Client.PostAsync(new Uri("/v1/models/cifar:predict", UriKind.Relative), form);
        var body = await Json.ReadAsync(response);
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        for (var i = 0; i < 2; i++)
        {
            var prediction = body["predictions"]![i]!;
            AssertMatches(Results[i]!, prediction);
            var top5 = Results[i]!["top5"]!.AsArray();
            Assert.Equal(top5.Select(t => t!["label"]!.GetValue<string>()), prediction["scores"]!.AsObject().Select(s => s.Key));
        }
    }

    [Fact]
    public async Task V2Infer_BytesImageInput_ReturnsLabelsAndScores()
    {
        var request = new JsonObject
        {
            ["inputs"] = new JsonArray(new JsonObject
            {
                ["name"] = "image",
                ["datatype"] = "BYTES",
                ["shape"] = new JsonArray(1),
                ["parameters"] = new JsonObject { ["binary_data_size"] = 0 },
            }),
        };
        var image = Image(Results[2]!);
        var header = System.Text.Encoding.UTF8.GetBytes(request.ToJsonString().Replace("\"binary_data_size\":0", $"\"binary_data_size\":{image.Length + 4}", StringComparison.Ordinal));
        var body = new byte[header.Length + 4 + image.Length];
        header.CopyTo(body, 0);
        BitConverter.GetBytes(image.Length).CopyTo(body, header.Length);
        image.CopyTo(body, header.Length + 4);
        using var content = new ByteArrayContent(body);
        content.Headers.Add("Inference-Header-Content-Length", header.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await fixture.Client.PostAsync(new Uri("/v2/models/cifar/infer", UriKind.Relative), content);
        var answer = await Json.ReadAsync(response);
        Assert.True(response.IsSuccessStatusCode, answer.ToJsonString());
        var outputs = answer["outputs"]!.AsArray().ToDictionary(o => o!["name"]!.GetValue<string>(), o => o!);
        Assert.Equal(Results[2]!["predicted_label"]!.GetValue<string>(), outputs["label"]["data"]![0]!.GetValue<string>());
        PipelineAssert.Near(Results[2]!["probabilities"]!, outputs["scores"]["data"]!, "probabilities");
    }

    public static TheoryData<string, byte[], HttpStatusCode> BadImages => new()
    {
        { "corrupt", File.ReadAllBytes(SharedModels.PathOf("cnn-cifar10", "images", "cat.png"))[..60], HttpStatusCode.BadRequest },
        { "not an image", "hello, world"u8.ToArray(), HttpStatusCode.BadRequest },
        { "empty", [], HttpStatusCode.BadRequest },
        { "20000x20000", HugePng.Create(20000, 20000), HttpStatusCode.RequestEntityTooLarge },
        { "tiff", [0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0, 0, 0], HttpStatusCode.UnsupportedMediaType },
    };

    [Theory]
    [MemberData(nameof(BadImages))]
    public async Task Predict_BadImage_ClearClientErrorAndServerStaysHealthy(string what, byte[] image, HttpStatusCode status)
    {
        using var response = await fixture.Client.PostAsync(new Uri("/v1/models/cifar:predict", UriKind.Relative),
            JsonContent(new JsonObject { ["instances"] = new JsonArray(new JsonObject { ["b64"] = Convert.ToBase64String(image) }) }));
        var error = (await Json.ReadAsync(response))["error"]!.GetValue<string>();
        Assert.True(status == response.StatusCode, $"{what}: {(int)response.StatusCode} {error}");
        Assert.StartsWith("instances[0]", error, StringComparison.Ordinal);

        var healthy = await Json.PostAsync(fixture.Client, "/v1/models/cifar:predict",
            new JsonObject { ["instances"] = new JsonArray(new JsonObject { ["b64"] = Convert.ToBase64String(Image(Results[0]!)) }) });
        Assert.Equal(Results[0]!["predicted_label"]!.GetValue<string>(), healthy["predictions"]![0]!["label"]!.GetValue<string>());
    }

    [Fact]
    public async Task Predict_EmptyMultipartFile_BadRequest()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent([]), "image", "empty.png" } };
        using var response = await fixture.Client.PostAsync(new Uri("/v1/models/cifar:predict", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static void AssertMatches(JsonNode expected, JsonNode prediction)
    {
        Assert.Equal(expected["predicted_label"]!.GetValue<string>(), prediction["label"]!.GetValue<string>());
        var probabilities = PipelineAssert.Doubles(expected["probabilities"]!);
        PipelineAssert.Near(probabilities.Max(), prediction["score"]!.GetValue<double>(), "score");
        foreach (var entry in prediction["scores"]!.AsObject())
        {
            var index = Array.IndexOf(Labels, entry.Key);
            PipelineAssert.Near(probabilities[index], entry.Value!.GetValue<double>(), entry.Key);
        }
    }

    private static readonly string[] Labels = JsonNode.Parse(File.ReadAllText(SharedModels.PathOf("cnn-cifar10", "config.json")))!["id2label"]!
        .AsObject().OrderBy(kv => int.Parse(kv.Key, System.Globalization.CultureInfo.InvariantCulture)).Select(kv => kv.Value!.GetValue<string>()).ToArray();

    private static StringContent JsonContent(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
