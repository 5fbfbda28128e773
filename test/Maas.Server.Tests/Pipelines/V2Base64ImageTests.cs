using System.Net;
using System.Text.Json.Nodes;
using Maas.Server.Tests.Infrastructure;
using Maas.Testing;

namespace Maas.Server.Tests.Pipelines;

/// <summary>
/// V2 JSON on an image model: BYTES elements are JSON strings, so images travel base64-encoded (the README's curl
/// example), and they must classify exactly like the raw bytes of the binary extension.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class V2Base64ImageTests(PipelineServerFixture fixture)
{
    private static readonly JsonArray Results = Expected.Load("cnn-cifar10")["results"]!.AsArray();

    [Fact]
    public async Task V2Json_Base64Images_MatchPyTorchLabelsAndProbabilities()
    {
        var images = Results.Select(r => (JsonNode)Convert.ToBase64String(
            File.ReadAllBytes(SharedModels.PathOf("cnn-cifar10", r!["image"]!.GetValue<string>())))).ToArray();
        var answer = await Json.PostAsync(fixture.Client, "/v2/models/cifar/infer", Request(images));

        var outputs = answer["outputs"]!.AsArray().ToDictionary(o => o!["name"]!.GetValue<string>(), o => o!);
        Assert.Equal(
            Results.Select(r => r!["predicted_label"]!.GetValue<string>()),
            outputs["label"]["data"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal([Results.Count, 10], outputs["scores"]["shape"]!.AsArray().Select(d => d!.GetValue<int>()));
        var scores = outputs["scores"]["data"]!.AsArray();
        for (var i = 0; i < Results.Count; i++)
        {
            PipelineAssert.Near(Results[i]!["probabilities"]!, new JsonArray(scores.Skip(i * 10).Take(10).Select(s => s!.DeepClone()).ToArray()), $"image {i}");
        }
    }

    [Theory]
    [InlineData("aGVsbG8sIHdvcmxk")] // base64 of "hello, world": decoded, then not an image
    [InlineData("not base64 and not an image")]
    public async Task V2Json_NotAnImage_BadRequestNamingTheInput(string element)
    {
        using var response = await fixture.Client.PostAsync(
            new Uri("/v2/models/cifar/infer", UriKind.Relative),
            new StringContent(Request([element]).ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var body = await Json.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body.ToJsonString());
        Assert.StartsWith("image[0]: ", body["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static JsonObject Request(JsonNode[] images) => new()
    {
        ["inputs"] = new JsonArray(new JsonObject
        {
            ["name"] = "image",
            ["datatype"] = "BYTES",
            ["shape"] = new JsonArray(images.Length),
            ["data"] = new JsonArray(images),
        }),
    };
}
