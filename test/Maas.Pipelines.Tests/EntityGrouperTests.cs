using System.Text.Json.Nodes;
using Maas.Pipelines.Classification;
using Maas.Pipelines.TokenClassification;
using Maas.Testing;
using Maas.Tokenizers;

namespace Maas.Pipelines.Tests;

/// <summary>PyTorch's own logits in, transformers' "simple" entities out: grouping is checked without the engine.</summary>
public sealed class EntityGrouperTests
{
    [Fact]
    public void Group_ExpectedLogits_EqualTransformersEntities()
    {
        var expected = JsonNode.Parse(File.ReadAllText(SharedModels.PathOf("bert-tiny-ner", "expected.json")))!;
        var labels = expected["labels"]!.AsArray().Select(l => l!.GetValue<string>()).ToArray();
        var tokenizer = HfTokenizer.Load(SharedModels.PathOf("bert-tiny-ner", "tokenizer.json"));
        var grouper = new EntityGrouper(new LabelScorer(labels, multiLabel: false), tokenizer);
        foreach (var result in expected["results"]!.AsArray())
        {
            var text = result!["text"]!.GetValue<string>();
            var encoding = tokenizer.Encode(text);
            var logits = result["logits"]!.AsArray().SelectMany(row => row!.AsArray().Select(v => (float)v!.GetValue<double>())).ToArray();
            var entities = grouper.Group(text, encoding, logits, labels.Length);
            var want = result["entities"]!.AsArray();
            Assert.Equal(want.Count, entities.Count);
            for (var i = 0; i < want.Count; i++)
            {
                Assert.Equal(want[i]!["entity_group"]!.GetValue<string>(), entities[i].EntityGroup);
                Assert.Equal(want[i]!["word"]!.GetValue<string>(), entities[i].Word);
                Assert.Equal(want[i]!["start"]!.GetValue<int>(), entities[i].Start);
                Assert.Equal(want[i]!["end"]!.GetValue<int>(), entities[i].End);
                Assert.True(Math.Abs(want[i]!["score"]!.GetValue<double>() - entities[i].Score) <= 1e-4, text);
            }
        }
    }
}
