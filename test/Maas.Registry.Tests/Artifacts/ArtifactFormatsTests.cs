using Maas.Registry.Artifacts;
using Maas.Storage;

namespace Maas.Registry.Tests.Artifacts;

public sealed class ArtifactFormatsTests
{
    [Theory]
    [InlineData(new byte[] { 0x50, 0x4b, 0x03, 0x04, 0x14, 0x00 }, ArtifactFormat.Zip)]
    [InlineData(new byte[] { 0x50, 0x4b, 0x05, 0x06, 0x00, 0x00 }, ArtifactFormat.Zip)]
    [InlineData(new byte[] { 0x1f, 0x8b, 0x08, 0x00 }, ArtifactFormat.TarGz)]
    [InlineData(new byte[] { 0x08, 0x07, 0x12, 0x07 }, ArtifactFormat.Onnx)]
    [InlineData(new byte[] { 0x50, 0x4b }, ArtifactFormat.Onnx)]
    [InlineData(new byte[] { 0x1f }, ArtifactFormat.Onnx)]
    [InlineData(new byte[0], ArtifactFormat.Onnx)]
    public void Detect_LeadingBytes_ReturnsFormat(byte[] firstBytes, ArtifactFormat expected) =>
        Assert.Equal(expected, ArtifactFormats.Detect(firstBytes));

    [Fact]
    public void Detect_RealOnnxFile_ReturnsOnnx()
    {
        var head = File.ReadAllBytes(Maas.Testing.SharedModels.PathOf("cnn-cifar10", "model.onnx")).AsSpan(0, 8);

        Assert.Equal(ArtifactFormat.Onnx, ArtifactFormats.Detect(head));
    }
}
