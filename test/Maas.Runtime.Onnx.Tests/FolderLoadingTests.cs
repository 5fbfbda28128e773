using Maas.Errors;
using Maas.Inference;
using Maas.Tensors;
using Maas.Testing;
using static Maas.Runtime.Onnx.Tests.TestSupport;

namespace Maas.Runtime.Onnx.Tests;

/// <summary>Which file a folder load opens, and which folders are refused.</summary>
public sealed class FolderLoadingTests
{
    [Fact]
    public void Load_FolderWithOnnxSubfolder_OpensOnnxModelOnnx()
    {
        using var model = Load(SharedModels.PathOf("gpt2-tiny"));

        Assert.Equal("onnx/model.onnx", model.ModelFile);
    }

    [Fact]
    public void Load_FolderWithTwoOnnxFiles_PrefersModelOnnx()
    {
        using var model = Load(SharedModels.PathOf("bert-tiny-sentiment"));

        Assert.Equal("model.onnx", model.ModelFile);
        Assert.Equal("logits", Assert.Single(model.Signature.Outputs).Name);
    }

    [Fact]
    public void Load_FilePath_ReportsFileName()
    {
        using var model = Load(SharedModels.PathOf("bert-tiny-sentiment", "embeddings.onnx"));

        Assert.Equal("embeddings.onnx", model.ModelFile);
        Assert.Equal("last_hidden_state", Assert.Single(model.Signature.Outputs).Name);
    }

    [Fact]
    public void Load_ModelFileSetting_WinsOverManifestAndConvention()
    {
        using var folder = FolderWith("model.onnx", "other.onnx", "third.onnx");
        File.WriteAllText(folder.Combine("maas.json"), """{"model_file": "third.onnx"}""");

        using var model = Load(folder.Path, new ModelLoadSettings { ModelFile = "other.onnx" });

        Assert.Equal("other.onnx", model.ModelFile);
    }

    [Fact]
    public void Load_ManifestModelFile_WinsOverModelOnnx()
    {
        using var folder = FolderWith("model.onnx", "nested/custom.onnx");
        File.WriteAllText(folder.Combine("maas.json"), """{"task": "tabular", "model_file": "nested/custom.onnx"}""");

        using var model = Load(folder.Path);

        Assert.Equal("nested/custom.onnx", model.ModelFile);
    }

    [Fact]
    public void Load_SingleOnnxFileAnywhere_OpensIt()
    {
        using var folder = FolderWith("deep/inside/net.onnx");

        using var model = Load(folder.Path);

        Assert.Equal("deep/inside/net.onnx", model.ModelFile);
    }

    [Fact]
    public void Load_SeveralCandidates_ThrowsInvalidModelListingThem()
    {
        using var folder = FolderWith("a.onnx", "b/c.onnx");

        var error = Fails(folder.Path);

        Assert.Contains("a.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains("b/c.onnx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoOnnxFile_ThrowsInvalidModel()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("README.md"), "no model here");

        var error = Fails(folder.Path);

        Assert.Equal("no .onnx file found in the folder", error.Message);
    }

    [Theory]
    [InlineData("../model.onnx")]
    [InlineData("/etc/passwd")]
    public void Load_ModelFileSettingOutsideFolder_ThrowsInvalidModel(string modelFile)
    {
        using var folder = FolderWith("model.onnx");

        var error = Fails(folder.Path, new ModelLoadSettings { ModelFile = modelFile });

        Assert.Contains("outside the model folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ManifestModelFileOutsideFolder_ThrowsInvalidModel()
    {
        using var root = FolderWith("model.onnx");
        var folder = Directory.CreateDirectory(root.Combine("inner")).FullName;
        File.WriteAllText(Path.Combine(folder, "maas.json"), """{"model_file": "../model.onnx"}""");

        var error = Fails(folder);

        Assert.Contains("maas.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ModelFileSettingMissing_ThrowsInvalidModel()
    {
        using var folder = FolderWith("model.onnx");

        var error = Fails(folder.Path, new ModelLoadSettings { ModelFile = "missing.onnx" });

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    private static TempDirectory FolderWith(params string[] files)
    {
        var folder = new TempDirectory();
        foreach (var file in files)
        {
            var path = folder.Combine(file.Split('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, OnnxModelBuilder.Identity(TensorDataType.Fp32, [-1]));
        }

        return folder;
    }

    private static MaasException Fails(string path, ModelLoadSettings? settings = null)
    {
        var error = Assert.Throws<MaasException>(() => Load(path, settings).Dispose());
        Assert.Equal(ErrorKind.InvalidModel, error.Kind);
        return error;
    }
}
