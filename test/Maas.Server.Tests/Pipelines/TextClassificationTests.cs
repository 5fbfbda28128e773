using System.Text.Json.Nodes;
using Maas.Server.Tests.Infrastructure;

namespace Maas.Server.Tests.Pipelines;

/// <summary>bert-tiny-sentiment pushed as a folder answers PyTorch's labels and softmax scores through :predict and V2.</summary>
[Collection(PipelineCollection.Name)]
public sealed class TextClassificationTests(PipelineServerFixture fixture)
{
    private static readonly JsonArray Cases = Expected.Load("bert-tiny-sentiment")["classification"]!.AsArray();

    [Fact]
    public void Push_SentimentFolder_VersionDocumentShowsTask()
    {
        Assert.Equal("text-classification", fixture.Versions["sentiment"]["task"]!.GetValue<string>());
        Assert.Equal("feature-extraction", fixture.Versions["embed"]["task"]!.GetValue<string>());
        Assert.Equal("embeddings.onnx", fixture.Versions["embed"]["model_file"]!.GetValue<string>());
        Assert.Equal("image-classification", fixture.Versions["cifar"]["task"]!.GetValue<string>());
        Assert.Equal("token-classification", fixture.Versions["ner"]["task"]!.GetValue<string>());
    }

    [Fact]
    public async Task Predict_AllSentencesInOneBatch_MatchPyTorchLabelsAndScores()
    {
        var texts = Cases.Select(c => (JsonNode)JsonValue.Create(c!["text"]!.GetValue<string>())).ToArray();
        var response = await Json.PostAsync(fixture.Client, "/v1/models/sentiment:predict", new JsonObject { ["instances"] = new JsonArray(texts) });
        var predictions = response["predictions"]!.AsArray();
        Assert.Equal(Cases.Count, predictions.Count);
        for (var i = 0; i < Cases.Count; i++)
        {
            AssertMatches(Cases[i]!, predictions[i]!);
        }
    }

    [Fact]
    public async Task Predict_BatchOfVeryDifferentLengths_EqualsOneTextAtATime()
    {
        string[] texts = ["ok", Cases[0]!["text"]!.GetValue<string>(), string.Join(' ', Enumerable.Repeat("this movie was great and i love it", 12)), ""];
        var batch = await Json.PostAsync(fixture.Client, "/v1/models/sentiment:predict",
            new JsonObject { ["instances"] = new JsonArray(texts.Select(t => (JsonNode)JsonValue.Create(t)).ToArray()) });
        for (var i = 0; i < texts.Length; i++)
        {
            var single = await Json.PostAsync(fixture.Client, "/v1/models/sentiment:predict", new JsonObject { ["instances"] = new JsonArray(texts[i]) });
            var one = single["predictions"]![0]!;
            var many = batch["predictions"]![i]!;
            Assert.Equal(one["label"]!.GetValue<string>(), many["label"]!.GetValue<string>());
            foreach (var label in new[] { "NEGATIVE", "POSITIVE" })
            {
                Assert.True(Math.Abs(one["scores"]![label]!.GetValue<double>() - many["scores"]![label]!.GetValue<double>()) < 1e-5, $"text {i} {label}");
            }
        }
    }

    [Fact]
    public async Task Predict_TopK_ReturnsBestLabelsFirst()
    {
        var response = await Json.PostAsync(fixture.Client, "/v1/models/sentiment:predict", new JsonObject
        {
            ["instances"] = new JsonArray(Cases[0]!["text"]!.GetValue<string>()),
            ["parameters"] = new JsonObject { ["top_k"] = 1 },
        });
        var scores = response["predictions"]![0]!["scores"]!.AsObject();
        Assert.Equal([Cases[0]!["label"]!.GetValue<string>()], scores.Select(s => s.Key));
    }

    [Fact]
    public async Task V2Infer_BytesTextInput_ReturnsNamedOutputsMatchingPyTorch()
    {
        var request = new JsonObject
        {
            ["inputs"] = new JsonArray(new JsonObject
            {
                ["name"] = "text",
                ["datatype"] = "BYTES",
                ["shape"] = new JsonArray(Cases.Count),
                ["data"] = new JsonArray(Cases.Select(c => (JsonNode)JsonValue.Create(c!["text"]!.GetValue<string>())).ToArray()),
            }),
        };
        var response = await Json.PostAsync(fixture.Client, "/v2/models/sentiment/infer", request);
        var outputs = response["outputs"]!.AsArray().ToDictionary(o => o!["name"]!.GetValue<string>(), o => o!);
        Assert.Equal("[8,2]", outputs["scores"]["shape"]!.ToJsonString());
        var scores = PipelineAssert.Doubles(outputs["scores"]["data"]!);
        for (var i = 0; i < Cases.Count; i++)
        {
            Assert.Equal(Cases[i]!["label"]!.GetValue<string>(), outputs["label"]["data"]![i]!.GetValue<string>());
            PipelineAssert.Near(Cases[i]!["score"]!.GetValue<double>(), outputs["score"]["data"]![i]!.GetValue<double>(), $"score {i}");
            PipelineAssert.Near(Cases[i]!["scores"]!, new JsonArray(scores[(i * 2)..((i * 2) + 2)].Select(s => (JsonNode)JsonValue.Create(s)).ToArray()), $"scores {i}");
        }
    }

    [Fact]
    public async Task V2Infer_RawTensorsOnTaskModel_StillReturnPyTorchLogits()
    {
        var sample = Cases[0]!;
        var ids = PipelineAssert.Doubles(sample["input_ids"]!);
        JsonObject Input(string name) => new()
        {
            ["name"] = name,
            ["datatype"] = "INT64",
            ["shape"] = new JsonArray(1, ids.Length),
            ["data"] = sample[name]!.DeepClone(),
        };
        var response = await Json.PostAsync(fixture.Client, "/v2/models/sentiment/infer",
            new JsonObject { ["inputs"] = new JsonArray(Input("input_ids"), Input("attention_mask"), Input("token_type_ids")) });
        PipelineAssert.Near(sample["logits"]!, response["outputs"]![0]!["data"]!, "logits");
    }

    private static void AssertMatches(JsonNode expected, JsonNode prediction)
    {
        Assert.Equal(expected["label"]!.GetValue<string>(), prediction["label"]!.GetValue<string>());
        PipelineAssert.Near(expected["score"]!.GetValue<double>(), prediction["score"]!.GetValue<double>(), "score");
        var scores = expected["scores"]!.AsArray();
        PipelineAssert.Near(scores[0]!.GetValue<double>(), prediction["scores"]!["NEGATIVE"]!.GetValue<double>(), "NEGATIVE");
        PipelineAssert.Near(scores[1]!.GetValue<double>(), prediction["scores"]!["POSITIVE"]!.GetValue<double>(), "POSITIVE");
    }
}
