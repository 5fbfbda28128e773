using System.Net;
using Maas.Server.Tests.Infrastructure;

namespace Maas.Server.Tests.Pipelines;

/// <summary>Every client mistake on a task model is a 4xx naming the problem, never a 500.</summary>
[Collection(PipelineCollection.Name)]
public sealed class MalformedTaskRequestTests(PipelineServerFixture fixture)
{
    public static TheoryData<string, string, HttpStatusCode> Cases => new()
    {
        { "sentiment", """{"instances": [42]}""", HttpStatusCode.BadRequest },
        { "sentiment", """{"instances": ["fine", null]}""", HttpStatusCode.BadRequest },
        { "sentiment", """{"instances": [{"b64": "aGVsbG8="}]}""", HttpStatusCode.BadRequest },
        { "sentiment", """{"instances": ["x"], "parameters": {"top_k": 0}}""", HttpStatusCode.BadRequest },
        { "sentiment", """{"instances": ["x"], "parameters": "top_k"}""", HttpStatusCode.BadRequest },
        { "sentiment", """{"instances": [[1, 2, 3]]}""", HttpStatusCode.BadRequest },
        { "cifar", """{"instances": ["a cat"]}""", HttpStatusCode.BadRequest },
        { "cifar", """{"instances": [{"b64": "%%% not base64 %%%"}]}""", HttpStatusCode.BadRequest },
        { "cifar", """{"instances": [{"b64": 12}]}""", HttpStatusCode.BadRequest },
        { "cifar", """{"instances": [{"image": "aGVsbG8="}]}""", HttpStatusCode.BadRequest },
        { "ner", """{"instances": [true]}""", HttpStatusCode.BadRequest },
        { "embed", """{"instances": ["x"], "parameters": {"dimensions": 1000}}""", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Predict_MalformedInstance_ClientErrorNamingIt(string model, string body, HttpStatusCode status)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await fixture.Client.PostAsync(new Uri($"/v1/models/{model}:predict", UriKind.Relative), content);
        var error = (await Json.ReadAsync(response))["error"]!.GetValue<string>();
        Assert.True(status == response.StatusCode, $"{model} {body}: {(int)response.StatusCode} {error}");
    }

    [Theory]
    [InlineData("sentiment")]
    [InlineData("ner")]
    [InlineData("embed")]
    public async Task Predict_HugeAndEmptyTexts_TruncatedNotRefused(string model)
    {
        var huge = string.Join(' ', Enumerable.Repeat("wonderful", 400_000));
        var response = await Json.PostAsync(fixture.Client, $"/v1/models/{model}:predict",
            new System.Text.Json.Nodes.JsonObject { ["instances"] = new System.Text.Json.Nodes.JsonArray(huge, "", "   ") });
        Assert.Equal(3, response["predictions"]!.AsArray().Count);
    }

    [Fact]
    public async Task V2Infer_InvalidUtf8AndUnknownOutput_BadRequest()
    {
        var header = """{"inputs": [{"name": "text", "datatype": "BYTES", "shape": [1], "parameters": {"binary_data_size": 6}}]}"""u8.ToArray();
        using var content = new ByteArrayContent([.. header, 2, 0, 0, 0, 0xC3, 0x28]);
        content.Headers.Add("Inference-Header-Content-Length", header.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var utf8 = await fixture.Client.PostAsync(new Uri("/v2/models/sentiment/infer", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, utf8.StatusCode);

        using var unknown = new StringContent(
            """{"inputs": [{"name": "text", "datatype": "BYTES", "shape": [1], "data": ["hi"]}], "outputs": [{"name": "logits"}]}""",
            System.Text.Encoding.UTF8, "application/json");
        using var response = await fixture.Client.PostAsync(new Uri("/v2/models/sentiment/infer", UriKind.Relative), unknown);
        var error = (await Json.ReadAsync(response))["error"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("label", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_MultipartOnTextModel_UnsupportedMediaType()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "image", "x.png" } };
        using var response = await fixture.Client.PostAsync(new Uri("/v1/models/sentiment:predict", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Predict_TensorModelStillTakesRawInstances()
    {
        var x = Expected.Load("mlp-regression")["inputs"]!["x"]!.DeepClone();
        var response = await Json.PostAsync(fixture.Client, "/v1/models/mlp:predict", new System.Text.Json.Nodes.JsonObject { ["instances"] = x });
        Assert.Equal(Expected.Load("mlp-regression")["outputs"]!["y"]!.AsArray().Count, response["predictions"]!.AsArray().Count);
    }
}
