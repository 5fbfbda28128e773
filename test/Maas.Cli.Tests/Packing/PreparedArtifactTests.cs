using Maas.Client.Packing;
using Maas.Testing;
using Xunit;

namespace Maas.Cli.Tests.Packing;

public sealed class PreparedArtifactTests
{
    [Theory]
    [InlineData("model.onnx", "application/octet-stream")]
    [InlineData("MODEL.ONNX", "application/octet-stream")]
    [InlineData("bert.zip", "application/zip")]
    [InlineData("bert.tar.gz", "application/gzip")]
    [InlineData("bert.tgz", "application/gzip")]
    public void ContentTypeOf_KnownArtifact_MatchesRegistryContract(string file, string expected) =>
        Assert.Equal(expected, PreparedArtifact.ContentTypeOf(file));

    [Theory]
    [InlineData("model.pt")]
    [InlineData("model.gz")]
    [InlineData("README")]
    public void ContentTypeOf_UnknownArtifact_ThrowsNamingTheFile(string file)
    {
        var error = Assert.Throws<ArgumentException>(() => PreparedArtifact.ContentTypeOf(file));
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareAsync_Folder_PacksToTemporaryFileDeletedOnDispose()
    {
        using var model = new TempDirectory();
        File.WriteAllText(model.Combine("model.onnx"), "graph");

        string packed;
        using (var artifact = await PreparedArtifact.PrepareAsync(model.Path, CancellationToken.None))
        {
            packed = artifact.Path;
            Assert.Equal("application/gzip", artifact.ContentType);
            Assert.True(File.Exists(packed));
            Assert.NotEqual(model.Path, Path.GetDirectoryName(packed));
        }

        Assert.False(File.Exists(packed));
    }

    [Fact]
    public async Task PrepareAsync_File_IsUsedInPlaceAndKeptOnDispose()
    {
        using var model = new TempDirectory();
        var file = model.Combine("model.onnx");
        File.WriteAllText(file, "graph");

        using (var artifact = await PreparedArtifact.PrepareAsync(file, CancellationToken.None))
        {
            Assert.Equal(file, artifact.Path);
        }

        Assert.True(File.Exists(file));
    }

    [Fact]
    public async Task PrepareAsync_MissingPath_ThrowsFileNotFound()
    {
        using var temp = new TempDirectory();

        await Assert.ThrowsAsync<FileNotFoundException>(() => PreparedArtifact.PrepareAsync(temp.Combine("nope.onnx"), CancellationToken.None));
    }
}
