using Maas.Errors;
using Maas.Runtime.Onnx.Protobuf;
using Maas.Tensors;
using Maas.Testing;

namespace Maas.Runtime.Onnx.Tests;

/// <summary>The protobuf walk that guards external data, on files ORT never sees.</summary>
public sealed class ExternalDataScannerTests
{
    [Fact]
    public void Check_BadLocationAfterLargeInlineWeights_FindsItBySeekingPastThem()
    {
        using var folder = new TempDirectory();
        var path = new OnnxModelBuilder()
            .Initializer("big", TensorDataType.UInt8, [3_000_000], new byte[3_000_000])
            .ExternalInitializer("w", TensorDataType.Fp32, [4], "../secret")
            .Save(folder.Combine("model.onnx"));

        var error = Assert.Throws<MaasException>(() => ExternalDataScanner.Check(path, "model.onnx"));

        Assert.Equal(ErrorKind.InvalidModel, error.Kind);
        Assert.Contains("'../secret'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("weights.bin")]
    [InlineData("sub/dir/weights.bin")]
    [InlineData("./weights.bin")]
    [InlineData("sub/../weights.bin")]
    public void Check_LocationInsideFolder_Passes(string location)
    {
        using var folder = new TempDirectory();
        var path = new OnnxModelBuilder()
            .ExternalInitializer("w", TensorDataType.Fp32, [4], location)
            .Save(folder.Combine("model.onnx"));

        ExternalDataScanner.Check(path, "model.onnx");
    }

    [Fact]
    public void Check_RealModels_Pass()
    {
        foreach (var file in new[] { "mlp-regression/model.onnx", "cnn-cifar10/model.onnx", "gpt2-tiny/onnx/model.onnx" })
        {
            ExternalDataScanner.Check(SharedModels.PathOf(file.Split('/')), file);
        }
    }

    [Fact]
    public void Check_UnknownGroupField_IsSkippedLikeProtobufDoes()
    {
        using var folder = new TempDirectory();
        var model = new OnnxModelBuilder().ExternalInitializer("w", TensorDataType.Fp32, [4], "/abs/path").Build();

        // Field 99 as a group holding a varint (field 1 = 5), placed before the real fields.
        byte[] group = [0x9B, 0x06, 0x08, 0x05, 0x9C, 0x06];
        var path = folder.Combine("model.onnx");
        File.WriteAllBytes(path, [.. group, .. model]);

        var error = Assert.Throws<MaasException>(() => ExternalDataScanner.Check(path, "model.onnx"));

        Assert.Contains("'/abs/path'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_LengthPastEndOfFile_ThrowsInvalidModel()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("model.onnx");

        // Field 7 (graph), length-delimited, claiming 100 bytes of which only 2 exist.
        File.WriteAllBytes(path, [0x3A, 100, 0x0A, 0x00]);

        var error = Assert.Throws<MaasException>(() => ExternalDataScanner.Check(path, "model.onnx"));

        Assert.Equal(ErrorKind.InvalidModel, error.Kind);
        Assert.StartsWith("model.onnx: not a valid ONNX model", error.Message, StringComparison.Ordinal);
    }
}
