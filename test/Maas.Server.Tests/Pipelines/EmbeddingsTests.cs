using System.ClientModel;
using System.Net;
using System.Text.Json.Nodes;
using Maas.Server.Tests.Infrastructure;
using OpenAI;
using OpenAI.Embeddings;

namespace Maas.Server.Tests.Pipelines;

/// <summary>
/// The embeddings model (bert-tiny-sentiment's embeddings.onnx, chosen by maas.json) through the official OpenAI .NET
/// SDK, raw /v1/embeddings, :predict and V2: mean-pooled, L2-normalised vectors within 1e-4 of PyTorch's.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class EmbeddingsTests(PipelineServerFixture fixture)
{
    private static readonly JsonArray Sentences = Expected.Load("bert-tiny-sentiment")["embeddings"]!["sentences"]!.AsArray();

    private static string[] Texts => Sentences.Select(s => s!["text"]!.GetValue<string>()).ToArray();

    [Fact]
    public async Task GenerateEmbeddings_OfficialOpenAiSdk_MatchesPyTorch()
    {
        var client = Sdk();
        var result = await client.GenerateEmbeddingsAsync(Texts);
        var collection = result.Value;
        Assert.Equal(Sentences.Count, collection.Count);
        for (var i = 0; i < Sentences.Count; i++)
        {
            Assert.Equal(i, collection[i].Index);
            var vector = collection[i].ToFloats().ToArray().Select(f => (double)f).ToArray();
            AssertNear(Sentences[i]!["embedding"]!, vector, $"sentence {i}");
        }

        var tokens = Sentences.Sum(s => s!["input_ids"]!.AsArray().Count);
        Assert.Equal(tokens, collection.Usage.InputTokenCount);
        Assert.Equal(tokens, collection.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task GenerateEmbeddings_SdkWithDimensions_TruncatesAndRenormalises()
    {
        var result = await Sdk().GenerateEmbeddingAsync(Texts[0], new EmbeddingGenerationOptions { Dimensions = 16 });
        var vector = result.Value.ToFloats().ToArray();
        Assert.Equal(16, vector.Length);
        Assert.True(Math.Abs(Math.Sqrt(vector.Sum(v => (double)v * v)) - 1) < 1e-5);
        var full = Sentences[0]!["embedding"]!.AsArray().Take(16).Select(v => v!.GetValue<double>()).ToArray();
        var norm = Math.Sqrt(full.Sum(v => v * v));
        for (var i = 0; i < 16; i++)
        {
            PipelineAssert.Near(full[i] / norm, vector[i], $"dimension {i}");
        }
    }

    [Fact]
    public async Task Embeddings_FloatFormatAndSingleString_OpenAiShape()
    {
        var response = await Json.PostAsync(fixture.Client, "/v1/embeddings", new JsonObject { ["model"] = "embed", ["input"] = Texts[1], ["encoding_format"] = "float" });
        Assert.Equal("list", response["object"]!.GetValue<string>());
        Assert.Equal("embed", response["model"]!.GetValue<string>());
        var data = response["data"]!.AsArray();
        Assert.Single(data);
        Assert.Equal("embedding", data[0]!["object"]!.GetValue<string>());
        Assert.Equal(0, data[0]!["index"]!.GetValue<int>());
        AssertNear(Sentences[1]!["embedding"]!, PipelineAssert.Doubles(data[0]!["embedding"]!), "float format");
        Assert.Equal(Sentences[1]!["input_ids"]!.AsArray().Count, response["usage"]!["prompt_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task PredictAndV2_EmbeddingModel_MatchPyTorch()
    {
        var predict = await Json.PostAsync(fixture.Client, "/v1/models/embed:predict",
            new JsonObject { ["instances"] = new JsonArray(Texts.Select(t => (JsonNode)JsonValue.Create(t)).ToArray()) });
        var v2 = await Json.PostAsync(fixture.Client, "/v2/models/embed/infer", new JsonObject
        {
            ["inputs"] = new JsonArray(new JsonObject
            {
                ["name"] = "text",
                ["datatype"] = "BYTES",
                ["shape"] = new JsonArray(Texts.Length),
                ["data"] = new JsonArray(Texts.Select(t => (JsonNode)JsonValue.Create(t)).ToArray()),
            }),
        });
        var output = v2["outputs"]![0]!;
        Assert.Equal("embedding", output["name"]!.GetValue<string>());
        Assert.Equal($"[{Texts.Length},64]", output["shape"]!.ToJsonString());
        var flat = PipelineAssert.Doubles(output["data"]!);
        for (var i = 0; i < Texts.Length; i++)
        {
            AssertNear(Sentences[i]!["embedding"]!, PipelineAssert.Doubles(predict["predictions"]![i]!), $":predict {i}");
            AssertNear(Sentences[i]!["embedding"]!, flat[(i * 64)..((i + 1) * 64)], $"v2 {i}");
        }
    }

    [Theory]
    [InlineData("""{"model": "sentiment", "input": "hi"}""", HttpStatusCode.BadRequest, "model")]
    [InlineData("""{"model": "embed", "input": "hi", "dimensions": 65}""", HttpStatusCode.BadRequest, "dimensions")]
    [InlineData("""{"model": "embed", "input": "hi", "dimensions": 0}""", HttpStatusCode.BadRequest, "dimensions")]
    [InlineData("""{"model": "embed", "input": "hi", "encoding_format": "int8"}""", HttpStatusCode.BadRequest, "encoding_format")]
    [InlineData("""{"model": "embed", "input": []}""", HttpStatusCode.BadRequest, "input")]
    [InlineData("""{"model": "embed", "input": [1, 2, 3]}""", HttpStatusCode.BadRequest, "input")]
    [InlineData("""{"model": "embed", "input": [{"text": "x"}]}""", HttpStatusCode.BadRequest, "input")]
    [InlineData("""{"model": "embed"}""", HttpStatusCode.BadRequest, "input")]
    [InlineData("""{"input": "hi"}""", HttpStatusCode.BadRequest, "model")]
    [InlineData("""{"model": "nope", "input": "hi"}""", HttpStatusCode.NotFound, "model")]
    [InlineData("""not json""", HttpStatusCode.BadRequest, null)]
    public async Task Embeddings_BadRequest_OpenAiErrorObject(string body, HttpStatusCode status, string? param)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await fixture.Client.PostAsync(new Uri("/v1/embeddings", UriKind.Relative), content);
        var error = (await Json.ReadAsync(response))["error"]!;
        Assert.Equal(status, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
        Assert.NotNull(error["type"]);
        Assert.Equal(param, error["param"]?.GetValue<string>());
    }

    [Fact]
    public async Task GenerateEmbeddings_SdkOnClassifier_RaisesClientResultException()
    {
        var client = new EmbeddingClient("sentiment", new ApiKeyCredential(fixture.Server.AdminKey), Options());
        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GenerateEmbeddingAsync("hi"));
        Assert.Equal(400, error.Status);
        using var health = await fixture.Client.GetAsync(new Uri("/v2/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private EmbeddingClient Sdk() => new("embed", new ApiKeyCredential(fixture.Server.AdminKey), Options());

    private OpenAIClientOptions Options() => new() { Endpoint = new Uri(fixture.Server.BaseAddress, "/v1") };

    private static void AssertNear(JsonNode expected, double[] actual, string what) =>
        PipelineAssert.Near(expected, new JsonArray(actual.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()), what);
}
