using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Maas.Server.Tests.Errors;

namespace Maas.Server.Tests.Pipelines;

/// <summary>An input the engine itself refuses is a 400 in the client's terms, without ONNX Runtime's node dump.</summary>
[Collection(PipelineCollection.Name)]
public sealed class EngineErrorTests(PipelineServerFixture fixture)
{
    [Fact]
    public async Task Infer_TokenIdBeyondTheVocabulary_Answers400NamingTheInputWithoutEngineText()
    {
        // Raw tensors straight to the BERT graph: an id past the embedding table makes ORT's Gather fail.
        const string body = """
            {"inputs": [
              {"name": "input_ids", "datatype": "INT64", "shape": [1, 3], "data": [101, 7777777, 102]},
              {"name": "attention_mask", "datatype": "INT64", "shape": [1, 3], "data": [1, 1, 1]},
              {"name": "token_type_ids", "datatype": "INT64", "shape": [1, 3], "data": [0, 0, 0]}
            ]}
            """;
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await fixture.Client.PostAsync(new Uri("/v2/models/sentiment/infer", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        var message = JsonNode.Parse(text)!["error"]!.GetValue<string>();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.Contains("input 'input_ids' holds a value outside the model's range (7777777)", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Gather", message, StringComparison.Ordinal);
        Assert.DoesNotContain("node", message, StringComparison.Ordinal);
        UnreadableInputTests.AssertNoDotNetNames(text);
    }
}
