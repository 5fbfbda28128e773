using System.Text.Json.Nodes;
using Maas.Server.Tests.Infrastructure;

namespace Maas.Server.Tests.Pipelines;

/// <summary>bert-tiny-ner answers transformers' "simple" aggregation exactly: groups, words, offsets; scores to 1e-4.</summary>
[Collection(PipelineCollection.Name)]
public sealed class TokenClassificationTests(PipelineServerFixture fixture)
{
    private static readonly JsonArray Cases = Expected.Load("bert-tiny-ner")["results"]!.AsArray();

    [Fact]
    public async Task Predict_NerSentences_EntitiesEqualExpected()
    {
        var texts = Cases.Select(c => (JsonNode)JsonValue.Create(c!["text"]!.GetValue<string>())).ToArray();
        var response = await Json.PostAsync(fixture.Client, "/v1/models/ner:predict", new JsonObject { ["instances"] = new JsonArray(texts) });
        var predictions = response["predictions"]!.AsArray();
        for (var i = 0; i < Cases.Count; i++)
        {
            AssertEntities(Cases[i]!["entities"]!.AsArray(), predictions[i]!.AsArray(), Cases[i]!["text"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task V2Infer_BytesTextInput_ReturnsEntitiesAsJson()
    {
        var request = new JsonObject
        {
            ["inputs"] = new JsonArray(new JsonObject
            {
                ["name"] = "text",
                ["datatype"] = "BYTES",
                ["shape"] = new JsonArray(1),
                ["data"] = new JsonArray(Cases[0]!["text"]!.GetValue<string>()),
            }),
        };
        var response = await Json.PostAsync(fixture.Client, "/v2/models/ner/infer", request);
        var output = response["outputs"]![0]!;
        Assert.Equal("entities", output["name"]!.GetValue<string>());
        AssertEntities(Cases[0]!["entities"]!.AsArray(), JsonNode.Parse(output["data"]![0]!.GetValue<string>())!.AsArray(), "v2");
    }

    private static void AssertEntities(JsonArray expected, JsonArray actual, string text)
    {
        Assert.True(expected.Count == actual.Count, $"{text}: expected {expected.ToJsonString()}, got {actual.ToJsonString()}");
        for (var e = 0; e < expected.Count; e++)
        {
            foreach (var key in new[] { "entity_group", "word" })
            {
                Assert.Equal(expected[e]![key]!.GetValue<string>(), actual[e]![key]!.GetValue<string>());
            }

            foreach (var key in new[] { "start", "end" })
            {
                Assert.Equal(expected[e]![key]!.GetValue<int>(), actual[e]![key]!.GetValue<int>());
            }

            PipelineAssert.Near(expected[e]!["score"]!.GetValue<double>(), actual[e]!["score"]!.GetValue<double>(), $"{text} entity {e}");
        }
    }
}
