using System.Formats.Tar;
using System.Text;
using Maas.Registry.Artifacts;
using Maas.Storage;
using Maas.Testing;

namespace Maas.Registry.Tests.Artifacts;

public sealed class ArchiveExtractorTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ArchiveExtractor _extractor = new();
    private readonly string _source = SharedModels.PathOf("cnn-cifar10");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(ArtifactFormat.Zip, false)]
    [InlineData(ArtifactFormat.Zip, true)]
    [InlineData(ArtifactFormat.TarGz, false)]
    [InlineData(ArtifactFormat.TarGz, true)]
    public void Extract_RealModelFolder_ReproducesItsFilesAtTheRoot(ArtifactFormat format, bool includeTopFolder)
    {
        var archive = format == ArtifactFormat.Zip
            ? TestArchives.ZipFolder(_source, _temp.Combine("model.zip"), includeTopFolder)
            : TestArchives.TarGzFolder(_source, _temp.Combine("model.tgz"), includeTopFolder);
        var destination = _temp.Combine("out");

        _extractor.Extract(archive, format, destination);

        var expected = TestArchives.Snapshot(_source);
        var actual = TestArchives.Snapshot(destination);
        Assert.Equal(expected.Select(f => f.Path), actual.Select(f => f.Path));
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.Content, pair.Second.Content));
        Assert.True(File.Exists(Path.Combine(destination, "model.onnx")));
    }

    [Fact]
    public void Extract_DotSlashNamesAsTarCWrites_ExtractsAtTheRoot()
    {
        var archive = TestArchives.TarGz(
            _temp.Combine("x.tgz"),
            new PaxTarEntry(TarEntryType.Directory, "./"),
            TestArchives.TarFileEntry("./config.json", "{}"u8.ToArray()),
            TestArchives.TarFileEntry("./onnx/model.onnx", [1, 2, 3]));
        var destination = _temp.Combine("out");

        _extractor.Extract(archive, ArtifactFormat.TarGz, destination);

        Assert.Equal(["config.json", "onnx/model.onnx"], TestArchives.Snapshot(destination).Select(f => f.Path));
    }

    [Fact]
    public void Extract_TopFolderHoldingAFolderOfItsOwnName_StripsOnlyOneLevel()
    {
        var archive = TestArchives.Zip(
            _temp.Combine("x.zip"),
            ("bert/bert/model.onnx", [1]),
            ("bert/config.json", Encoding.UTF8.GetBytes("{}")));
        var destination = _temp.Combine("out");

        _extractor.Extract(archive, ArtifactFormat.Zip, destination);

        Assert.Equal(["bert/model.onnx", "config.json"], TestArchives.Snapshot(destination).Select(f => f.Path));
    }

    [Fact]
    public void Extract_MacMetadataBesideTopFolder_IgnoresItAndStripsTheFolder()
    {
        var archive = TestArchives.Zip(
            _temp.Combine("x.zip"),
            ("bert/model.onnx", [1]),
            ("__MACOSX/bert/._model.onnx", [2]));
        var destination = _temp.Combine("out");

        _extractor.Extract(archive, ArtifactFormat.Zip, destination);

        Assert.Equal(["model.onnx"], TestArchives.Snapshot(destination).Select(f => f.Path));
    }

    [Fact]
    public void Extract_SeveralTopLevelEntries_KeepsTheLayout()
    {
        var archive = TestArchives.Zip(_temp.Combine("x.zip"), ("a/model.onnx", [1]), ("b.json", [2]));
        var destination = _temp.Combine("out");

        _extractor.Extract(archive, ArtifactFormat.Zip, destination);

        Assert.Equal(["a/model.onnx", "b.json"], TestArchives.Snapshot(destination).Select(f => f.Path));
    }
}
