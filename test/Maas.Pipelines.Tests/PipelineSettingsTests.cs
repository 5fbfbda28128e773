using Maas.Errors;
using Maas.Pipelines.Classification;
using Maas.Pipelines.Configuration;
using Maas.Pipelines.Embeddings;
using Maas.Testing;

namespace Maas.Pipelines.Tests;

/// <summary>config.json and maas.json settings: labels, multi-label sigmoid, pooling, limits.</summary>
public sealed class PipelineSettingsTests
{
    [Fact]
    public void Read_ConfigJson_LabelsAndMaxPositions()
    {
        var settings = PipelineSettings.Read(SharedModels.PathOf("bert-tiny-sentiment"));
        Assert.Equal(["NEGATIVE", "POSITIVE"], settings.Labels);
        Assert.False(settings.MultiLabel);
        Assert.Equal(PoolingMode.Mean, settings.Pooling);
        Assert.True(settings.Normalize);
    }

    [Fact]
    public void Read_MaasJsonOverrides_LabelsProblemTypeAndPooling()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("config.json"), """{"id2label": {"0": "a", "1": "b"}, "max_position_embeddings": 128}""");
        File.WriteAllText(folder.Combine("maas.json"),
            """{"labels": ["toxic", "obscene"], "problem_type": "multi_label_classification", "pooling": "cls", "normalize": false, "max_length": 32}""");
        var settings = PipelineSettings.Read(folder.Path);
        Assert.Equal(["toxic", "obscene"], settings.Labels);
        Assert.True(settings.MultiLabel);
        Assert.Equal(PoolingMode.Cls, settings.Pooling);
        Assert.False(settings.Normalize);
        Assert.Equal(32, settings.MaxLength);
    }

    [Fact]
    public void Score_MultiLabel_SigmoidPerLabel()
    {
        var result = new LabelScorer(["x", "y"], multiLabel: true).Score([0f, 2f], topK: null);
        Assert.Equal("y", result.Label);
        Assert.Equal(0.5f, result.Scores[0].Score, 1e-6);
        Assert.Equal(1 / (1 + Math.Exp(-2)), result.Scores[1].Score, 1e-6);
    }

    [Fact]
    public void Read_BadMaasJsonValue_InvalidModelNamingIt()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("maas.json"), """{"pad_to_multiple_of": "eight"}""");
        var error = Assert.Throws<MaasException>(() => PipelineSettings.Read(folder.Path));
        Assert.Equal(ErrorKind.InvalidModel, error.Kind);
        Assert.Contains("pad_to_multiple_of", error.Message, StringComparison.Ordinal);
    }
}
