using Maas.Errors;
using Maas.Tensors;
using Maas.Testing;
using static Maas.Runtime.Onnx.Tests.TestSupport;

namespace Maas.Runtime.Onnx.Tests;

/// <summary>Anything that is not a loadable model is refused as InvalidModel with a reason, never a crash.</summary>
public sealed class InvalidModelTests
{
    [Fact]
    public void Load_RandomBytes_ThrowsInvalidModelNamingTheFile()
    {
        using var folder = new TempDirectory();
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);

        var error = LoadFails(folder, bytes);

        Assert.StartsWith("model.onnx: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyFile_ThrowsInvalidModelWithOrtReason()
    {
        using var folder = new TempDirectory();

        var error = LoadFails(folder, []);

        Assert.StartsWith("model.onnx: ", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length > "model.onnx: ".Length + 10, error.Message);
        Assert.DoesNotContain(folder.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TruncatedModel_ThrowsInvalidModel()
    {
        using var folder = new TempDirectory();
        var real = File.ReadAllBytes(SharedModels.PathOf("mlp-regression", "model.onnx"));

        var error = LoadFails(folder, real[..(real.Length / 2)]);

        Assert.Contains("model.onnx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownOperator_ThrowsInvalidModelWithOrtReason()
    {
        using var folder = new TempDirectory();
        var bytes = new OnnxModelBuilder()
            .Input("x", TensorDataType.Fp32, 2)
            .Output("y", TensorDataType.Fp32, 2)
            .Node("NoSuchOperator", ["x"], ["y"])
            .Build();

        var error = LoadFails(folder, bytes);

        Assert.Contains("NoSuchOperator", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../secret")]
    [InlineData("weights/../../secret")]
    [InlineData("..\\secret")]
    [InlineData("/etc/passwd")]
    public void Load_ExternalDataOutsideFolder_ThrowsInvalidModelBeforeReadingIt(string location)
    {
        using var root = new TempDirectory();
        var folder = Directory.CreateDirectory(root.Combine("model")).FullName;
        File.WriteAllBytes(root.Combine("secret"), new byte[16]);
        var bytes = WithExternalWeight(location);
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), bytes);

        var error = Assert.Throws<MaasException>(() => Load(folder));

        Assert.Equal(ErrorKind.InvalidModel, error.Kind);
        Assert.Contains($"'{location}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("outside the model folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExternalDataInsideFolder_LoadsAndUsesTheWeights()
    {
        using var folder = new TempDirectory();
        Directory.CreateDirectory(folder.Combine("weights"));
        File.WriteAllBytes(folder.Combine("weights", "w.bin"), Tensor.FromArray("w", TensorDataType.Fp32, [4], new float[] { 1, 2, 3, 4 }).Data.ToArray());
        File.WriteAllBytes(folder.Combine("model.onnx"), WithExternalWeight("weights/w.bin"));

        using var model = Load(folder.Path);
        using var response = Run(model, Fp32("x", [4], [10, 20, 30, 40]));

        Assert.Equal([11f, 22f, 33f, 44f], Floats(Assert.Single(response.Outputs)));
    }

    [Fact]
    public void Load_ExternalDataMissing_ThrowsInvalidModelWithOrtReason()
    {
        using var folder = new TempDirectory();

        var error = LoadFails(folder, WithExternalWeight("absent.bin"));

        Assert.StartsWith("model.onnx: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("absent.bin", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(folder.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExternalDataOutsideFolderInsideSubgraph_ThrowsInvalidModel()
    {
        using var folder = new TempDirectory();
        var branch = new OnnxModelBuilder()
            .ExternalInitializer("w", TensorDataType.Fp32, [4], "../../secret")
            .Output("w", TensorDataType.Fp32, 4);
        var bytes = new OnnxModelBuilder()
            .Input("cond", TensorDataType.Bool)
            .Output("y", TensorDataType.Fp32, 4)
            .Node("If", ["cond"], ["y"], ("then_branch", branch), ("else_branch", branch))
            .Build();

        var error = LoadFails(folder, bytes);

        Assert.Contains("'../../secret'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LoneFileWithExternalData_ThrowsInvalidModel()
    {
        using var folder = new TempDirectory();
        File.WriteAllBytes(folder.Combine("w.bin"), new byte[16]);
        File.WriteAllBytes(folder.Combine("model.onnx"), WithExternalWeight("w.bin"));

        var error = Assert.Throws<MaasException>(() => Load(folder.Combine("model.onnx")));

        Assert.Equal(ErrorKind.InvalidModel, error.Kind);
        Assert.Contains("folder", error.Message, StringComparison.Ordinal);
    }

    private static byte[] WithExternalWeight(string location) =>
        new OnnxModelBuilder()
            .Input("x", TensorDataType.Fp32, 4)
            .Output("y", TensorDataType.Fp32, 4)
            .ExternalInitializer("w", TensorDataType.Fp32, [4], location, offset: 0, length: 16)
            .Node("Add", ["x", "w"], ["y"])
            .Build();

    /// <summary>Writes the bytes as model.onnx and loads the folder.</summary>
    private static MaasException LoadFails(TempDirectory folder, byte[] bytes)
    {
        File.WriteAllBytes(folder.Combine("model.onnx"), bytes);
        var error = Assert.Throws<MaasException>(() => Load(folder.Path).Dispose());
        Assert.Equal(ErrorKind.InvalidModel, error.Kind);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }
}
