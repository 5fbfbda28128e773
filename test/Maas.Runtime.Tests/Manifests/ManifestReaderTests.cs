using Maas.Errors;
using Maas.Models;
using Maas.Runtime.Manifests;
using Maas.Testing;

namespace Maas.Runtime.Tests.Manifests;

public sealed class ManifestReaderTests
{
    [Fact]
    public void Read_EveryKnownKey_LandsInTheManifestWithoutWarnings()
    {
        using var folder = FolderWith("model.onnx");
        File.WriteAllText(folder.Combine("maas.json"), """
            {"task": "text-classification", "labels": ["no", "yes"], "problem_type": "multi_label_classification",
             "pooling": "cls", "normalize": false, "max_length": 64, "pad_to_multiple_of": 16, "max_batch_size": 4,
             "max_queue_delay_ms": 2, "max_queue_size": 10, "instances": 2, "llm": {"max_running": 2},
             "onnx": {"intra_op_threads": 2, "graph_optimization_level": "basic"}, "model_file": "model.onnx"}
            """);

        var manifest = ManifestReader.Read(folder.Path);

        Assert.Empty(manifest.Warnings);
        Assert.Equal("text-classification", manifest.Task);
        Assert.Equal(["no", "yes"], manifest.Labels);
        Assert.Equal(("cls", false, 64, 16), (manifest.Pooling, manifest.Normalize, manifest.MaxLength, manifest.PadToMultipleOf));
        Assert.Equal(4, manifest.Batching!["max_batch_size"]);
        Assert.Equal(2, manifest.Onnx!.IntraOpThreads);
        Assert.Equal("basic", manifest.Onnx.GraphOptimizationLevel);
        Assert.Equal(2, manifest.Llm!.Value.GetProperty("max_running").GetInt32());
    }

    [Fact]
    public void Read_UnknownKeys_WarnNamingEach()
    {
        using var folder = FolderWith("model.onnx");
        File.WriteAllText(folder.Combine("maas.json"), """{"taks": "tensor", "onnx": {"threads": 2}}""");

        var warnings = ManifestReader.Read(folder.Path).Warnings;

        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("'taks'", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("'onnx.threads'", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_RoundTripsThroughStoredJson()
    {
        using var folder = FolderWith("onnx/model.onnx", "tokenizer.json");
        File.WriteAllText(folder.Combine("config.json"), """{"architectures": ["BertModel"], "id2label": {"0": "a"}, "max_position_embeddings": 512}""");
        File.WriteAllText(folder.Combine("maas.json"), """{"llm": {"cache_tokens": 64}, "onnx": {"inter_op_threads": 1}, "extra": 1}""");
        var manifest = ManifestReader.Read(folder.Path);

        var stored = ModelManifestJson.Deserialize(ModelManifestJson.Serialize(manifest));

        Assert.Equal(ModelManifestJson.Serialize(manifest), ModelManifestJson.Serialize(stored));
        Assert.Equal("onnx/model.onnx", stored.ModelFile);
        Assert.Equal(["BertModel"], stored.Architectures);
        Assert.True(stored.HasFile("tokenizer.json"));
        Assert.Equal(512, stored.MaxPositionEmbeddings);
    }

    [Fact]
    public void Read_LegacyDecoderBesideOtherExports_OneRuleForTensorAndLlm()
    {
        // optimum's legacy export: three decoders; the merged one serves, for the tensor backend and the engine alike.
        using var folder = FolderWith("decoder_model.onnx", "decoder_with_past_model.onnx", "decoder_model_merged.onnx");

        Assert.Equal("decoder_model_merged.onnx", ManifestReader.Read(folder.Path).ModelFile);
        Assert.Equal("decoder_model_merged.onnx", ModelFileLocator.Locate(folder.Path, null).RelativePath);
    }

    [Fact]
    public void Read_UnknownGraphLevel_InvalidModelNamingIt()
    {
        using var folder = FolderWith("model.onnx");
        File.WriteAllText(folder.Combine("maas.json"), """{"onnx": {"graph_optimization_level": "max"}}""");

        var error = Assert.Throws<MaasException>(() => ManifestReader.Read(folder.Path));

        Assert.Equal(ErrorKind.InvalidModel, error.Kind);
        Assert.Contains("onnx.graph_optimization_level", error.Message, StringComparison.Ordinal);
    }

    private static TempDirectory FolderWith(params string[] files)
    {
        var folder = new TempDirectory("maas-manifest");
        foreach (var file in files)
        {
            var path = folder.Combine(file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "x");
        }

        return folder;
    }
}
