using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Maas.Errors;
using Maas.Registry.Artifacts;
using Maas.Storage;
using Maas.Testing;

namespace Maas.Registry.Tests.Artifacts;

public sealed class ArchiveExtractorRejectionTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Destination => _temp.Combine("out");

    [Theory]
    [InlineData("/evil.txt")]
    [InlineData("../evil.txt")]
    [InlineData("model/../../evil.txt")]
    [InlineData("..\\evil.txt")]
    [InlineData("C:/evil.txt")]
    public void Extract_ZipEntryEscapingTheDestination_ThrowsInvalidModelNamingIt(string name)
    {
        var archive = TestArchives.Zip(_temp.Combine("x.zip"), ("model.onnx", [1]), (name, [6, 6, 6]));

        AssertRejected(archive, ArtifactFormat.Zip, name);
        Assert.False(File.Exists(_temp.Combine("evil.txt")));
    }

    [Theory]
    [InlineData("/tmp/maas-evil.txt")]
    [InlineData("../evil.txt")]
    [InlineData("./a/../../evil.txt")]
    public void Extract_TarEntryEscapingTheDestination_ThrowsInvalidModelNamingIt(string name)
    {
        var archive = TestArchives.TarGz(_temp.Combine("x.tgz"), TestArchives.TarFileEntry(name, [6, 6, 6]));

        AssertRejected(archive, ArtifactFormat.TarGz, name);
        Assert.False(File.Exists(_temp.Combine("evil.txt")));
    }

    [Fact]
    public void Extract_TarSymlink_ThrowsInvalidModel()
    {
        var archive = TestArchives.TarGz(
            _temp.Combine("x.tgz"),
            new PaxTarEntry(TarEntryType.SymbolicLink, "model.onnx") { LinkName = "/etc/passwd" });

        var error = AssertRejected(archive, ArtifactFormat.TarGz, "model.onnx");
        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_TarHardLink_ThrowsInvalidModel()
    {
        var archive = TestArchives.TarGz(
            _temp.Combine("x.tgz"),
            TestArchives.TarFileEntry("model.onnx", [1]),
            new PaxTarEntry(TarEntryType.HardLink, "copy.onnx") { LinkName = "/etc/shadow" });

        var error = AssertRejected(archive, ArtifactFormat.TarGz, "copy.onnx");
        Assert.Contains("hard link", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TarEntryType.Fifo)]
    [InlineData(TarEntryType.CharacterDevice)]
    [InlineData(TarEntryType.BlockDevice)]
    public void Extract_TarDeviceOrFifo_ThrowsInvalidModel(TarEntryType type)
    {
        var archive = TestArchives.TarGz(_temp.Combine("x.tgz"), new PaxTarEntry(type, "dev"));

        AssertRejected(archive, ArtifactFormat.TarGz, "dev");
    }

    [Fact]
    public void Extract_ZipSymlinkByUnixMode_ThrowsInvalidModel()
    {
        var archive = _temp.Combine("x.zip");
        using (var zip = ZipFile.Open(archive, ZipArchiveMode.Create))
        {
            var link = zip.CreateEntry("model.onnx");
            link.ExternalAttributes = unchecked((int)0xA1FF0000);
            using var stream = link.Open();
            stream.Write("/etc/passwd"u8);
        }

        var error = AssertRejected(archive, ArtifactFormat.Zip, "model.onnx");
        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DuplicatePathInZip_ThrowsInvalidModel()
    {
        var archive = TestArchives.Zip(_temp.Combine("x.zip"), ("model.onnx", [1]), ("./model.onnx", [2]));

        AssertRejected(archive, ArtifactFormat.Zip, "./model.onnx");
    }

    [Fact]
    public void Extract_DuplicatePathInTar_ThrowsInvalidModel()
    {
        var archive = TestArchives.TarGz(
            _temp.Combine("x.tgz"), TestArchives.TarFileEntry("m/a.json", [1]), TestArchives.TarFileEntry("m/a.json", [2]));

        AssertRejected(archive, ArtifactFormat.TarGz, "m/a.json");
    }

    [Fact]
    public void Extract_FileThenFolderOfTheSameName_ThrowsInvalidModel()
    {
        var archive = TestArchives.Zip(_temp.Combine("x.zip"), ("a", [1]), ("a/b", [2]));

        AssertRejected(archive, ArtifactFormat.Zip, "a/b");
    }

    [Fact]
    public void Extract_TotalSizeOverTheLimit_StopsAtTheLimit()
    {
        var archive = TestArchives.Zip(
            _temp.Combine("x.zip"), ("a.bin", RandomNumberGenerator.GetBytes(6000)), ("b.bin", RandomNumberGenerator.GetBytes(6000)));
        var extractor = new ArchiveExtractor(new ArchiveLimits { MaxTotalBytes = 10_000 });

        var error = AssertRejected(archive, ArtifactFormat.Zip, "b.bin", extractor);

        Assert.Contains("10000", error.Message, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(Destination, "b.bin")).Length < 6000);
    }

    [Fact]
    public void Extract_TarGzTotalSizeOverTheLimit_ThrowsInvalidModel()
    {
        var archive = TestArchives.TarGz(_temp.Combine("x.tgz"), TestArchives.TarFileEntry("a.bin", RandomNumberGenerator.GetBytes(300_000)));
        var extractor = new ArchiveExtractor(new ArchiveLimits { MaxTotalBytes = 100_000 });

        AssertRejected(archive, ArtifactFormat.TarGz, "a.bin", extractor);
    }

    [Fact]
    public void Extract_FileOverThePerFileLimit_ThrowsInvalidModel()
    {
        var archive = TestArchives.Zip(_temp.Combine("x.zip"), ("a.bin", RandomNumberGenerator.GetBytes(6000)));
        var extractor = new ArchiveExtractor(new ArchiveLimits { MaxFileBytes = 5000 });

        var error = AssertRejected(archive, ArtifactFormat.Zip, "a.bin", extractor);

        Assert.Contains("5000", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ArtifactFormat.Zip)]
    [InlineData(ArtifactFormat.TarGz)]
    public void Extract_HighlyCompressedFile_IsRejectedAsABomb(ArtifactFormat format)
    {
        var zeros = new byte[4 << 20];
        var archive = format == ArtifactFormat.Zip
            ? TestArchives.Zip(_temp.Combine("x.zip"), ("zeros.bin", zeros))
            : TestArchives.TarGz(_temp.Combine("x.tgz"), TestArchives.TarFileEntry("zeros.bin", zeros));

        var error = AssertRejected(archive, format, "zeros.bin", new ArchiveExtractor());

        Assert.Contains("200:1", error.Message, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(Destination, "zeros.bin")).Length < zeros.Length);
    }

    [Fact]
    public void Extract_TooManyEntries_ThrowsInvalidModel()
    {
        var entries = Enumerable.Range(0, 6).Select(i => ($"f{i}.txt", new byte[] { 1 })).ToArray();
        var archive = TestArchives.Zip(_temp.Combine("x.zip"), entries);
        var extractor = new ArchiveExtractor(new ArchiveLimits { MaxEntries = 5 });

        var error = AssertRejected(archive, ArtifactFormat.Zip, "f5.txt", extractor);

        Assert.Contains("5 entries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_CorruptZip_ThrowsInvalidModel()
    {
        var archive = _temp.Combine("x.zip");
        File.WriteAllBytes(archive, [.. "PK\x03\x04"u8, .. SeededBytes(4000)]);

        AssertRejected(archive, ArtifactFormat.Zip, expectedInMessage: "zip archive is corrupt");
    }

    [Fact]
    public void Extract_CorruptGzip_ThrowsInvalidModel()
    {
        var archive = _temp.Combine("x.tgz");
        File.WriteAllBytes(archive, [0x1f, 0x8b, 0x08, 0x00, .. SeededBytes(4000)]);

        AssertRejected(archive, ArtifactFormat.TarGz, expectedInMessage: "tar.gz archive is corrupt");
    }

    [Fact]
    public void Extract_TruncatedTarGz_ThrowsInvalidModel()
    {
        var whole = TestArchives.TarGzFolder(SharedModels.PathOf("cnn-cifar10"), _temp.Combine("whole.tgz"), includeTopFolder: true);
        var bytes = File.ReadAllBytes(whole);
        var archive = _temp.Combine("half.tgz");
        File.WriteAllBytes(archive, bytes.AsSpan(0, bytes.Length / 2).ToArray());

        AssertRejected(archive, ArtifactFormat.TarGz, expectedInMessage: "tar.gz archive is corrupt");
    }

    [Fact]
    public void Extract_GzipOfSomethingNotTar_ThrowsInvalidModel()
    {
        var archive = _temp.Combine("x.tgz");
        using (var gzip = new GZipStream(File.Create(archive), CompressionLevel.Fastest))
        {
            // Fixed bytes, not random ones: a random block can pass for a tar header now and then.
            gzip.Write(Enumerable.Repeat((byte)'A', 5000).ToArray());
        }

        AssertRejected(archive, ArtifactFormat.TarGz, expectedInMessage: "tar.gz archive is corrupt");
    }

    private MaasException AssertRejected(string archive, ArtifactFormat format, string expectedInMessage, ArchiveExtractor? extractor = null)
    {
        var error = Assert.Throws<MaasException>(() => (extractor ?? new ArchiveExtractor()).Extract(archive, format, Destination));
        Assert.Equal(ErrorKind.InvalidModel, error.Kind);
        Assert.Contains(expectedInMessage, error.Message, StringComparison.Ordinal);
        return error;
    }

    // Corrupt-archive tests use a fixed seed so a lucky random stream can never make them flaky.
    private static byte[] SeededBytes(int count)
    {
        var bytes = new byte[count];
        new Random(20261123).NextBytes(bytes);
        return bytes;
    }
}
