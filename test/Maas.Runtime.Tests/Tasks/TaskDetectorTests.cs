using Maas.Models;
using Maas.Runtime.Tasks;
using Maas.Tensors;
using Maas.Testing;

namespace Maas.Runtime.Tests.Tasks;

/// <summary>The task a folder gets at push: from config.json, the files and the signature, with maas.json winning.</summary>
public sealed class TaskDetectorTests
{
    private static readonly TensorSpec[] TextInputs =
    [
        new("input_ids", TensorDataType.Int64, [-1, -1]),
        new("attention_mask", TensorDataType.Int64, [-1, -1]),
        new("token_type_ids", TensorDataType.Int64, [-1, -1]),
    ];

    [Theory]
    [InlineData("bert-tiny-sentiment", 2, TaskNames.TextClassification)]
    [InlineData("bert-tiny-ner", 3, TaskNames.TokenClassification)]
    public void Detect_SharedTextFolders_TaskFromConfig(string model, int logitsRank, string task)
    {
        var signature = new ModelSignature(TextInputs, [new TensorSpec("logits", TensorDataType.Fp32, Enumerable.Repeat(-1L, logitsRank).ToArray())]);
        Assert.Equal(task, TaskDetector.Detect(SharedModels.PathOf(model), signature));
    }

    [Fact]
    public void Detect_CifarFolder_ImageClassification()
    {
        var signature = new ModelSignature(
            [new TensorSpec("pixel_values", TensorDataType.Fp32, [-1, 3, 32, 32])],
            [new TensorSpec("logits", TensorDataType.Fp32, [-1, 10])]);
        Assert.Equal(TaskNames.ImageClassification, TaskDetector.Detect(SharedModels.PathOf("cnn-cifar10"), signature));
    }

    [Fact]
    public void Detect_MaasJsonTask_WinsOverConfig()
    {
        using var folder = new TempDirectory();
        File.Copy(SharedModels.PathOf("bert-tiny-sentiment", "config.json"), folder.Combine("config.json"));
        File.Copy(SharedModels.PathOf("bert-tiny-sentiment", "tokenizer.json"), folder.Combine("tokenizer.json"));
        File.WriteAllText(folder.Combine("maas.json"), """{"model_file": "embeddings.onnx", "task": "feature-extraction"}""");
        var signature = new ModelSignature(TextInputs, [new TensorSpec("last_hidden_state", TensorDataType.Fp32, [-1, -1, 64])]);
        Assert.Equal(TaskNames.FeatureExtraction, TaskDetector.Detect(folder.Path, signature));
    }

    [Fact]
    public void Detect_LabelsOnlyInMaasJson_TextClassification()
    {
        using var folder = new TempDirectory();
        File.Copy(SharedModels.PathOf("bert-tiny-sentiment", "tokenizer.json"), folder.Combine("tokenizer.json"));
        File.WriteAllText(folder.Combine("maas.json"), """{"labels": ["toxic", "insult"]}""");
        var signature = new ModelSignature(TextInputs, [new TensorSpec("logits", TensorDataType.Fp32, [-1, 2])]);
        Assert.Equal(TaskNames.TextClassification, TaskDetector.Detect(folder.Path, signature));
    }

    [Fact]
    public void Detect_NoTokenizer_Tensor()
    {
        using var folder = new TempDirectory();
        var signature = new ModelSignature(TextInputs, [new TensorSpec("logits", TensorDataType.Fp32, [-1, 2])]);
        Assert.Equal(TaskNames.Tensor, TaskDetector.Detect(folder.Path, signature));
    }
}
