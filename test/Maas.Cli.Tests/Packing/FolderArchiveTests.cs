using System.Formats.Tar;
using Maas.Cli.Tests.Fakes;
using Maas.Client.Packing;
using Maas.Testing;
using Xunit;

namespace Maas.Cli.Tests.Packing;

public sealed class FolderArchiveTests
{
    [Fact]
    public async Task PackAsync_SharedModelFolder_ArchiveHoldsSameFilesWithIdenticalBytes()
    {
        var folder = SharedModels.PathOf("cnn-cifar10");
        using var temp = new TempDirectory();
        var archive = temp.Combine("model.tar.gz");

        await FolderArchive.PackAsync(folder, archive, CancellationToken.None);

        using var stream = File.OpenRead(archive);
        var entries = TarGz.Read(stream);
        var expected = TarGz.FilesOf(folder);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), entries.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("images/", string.Join(",", entries.Keys), StringComparison.Ordinal);
        foreach (var (name, bytes) in expected)
        {
            Assert.Equal(TarEntryType.RegularFile, entries[name].Type);
            Assert.True(bytes.AsSpan().SequenceEqual(entries[name].Data), $"{name} differs");
        }
    }

    [Fact]
    public async Task PackAsync_FolderWithSymlinks_LeavesLinksOut()
    {
        using var outside = new TempDirectory();
        File.WriteAllText(outside.Combine("secret.txt"), "not part of the model");
        using var model = new TempDirectory();
        File.WriteAllText(model.Combine("model.onnx"), "graph");
        Directory.CreateDirectory(model.Combine("sub"));
        File.WriteAllText(model.Combine("sub", "vocab.txt"), "a b c");
        File.CreateSymbolicLink(model.Combine("linked.txt"), outside.Combine("secret.txt"));
        Directory.CreateSymbolicLink(model.Combine("linked-dir"), outside.Path);
        var archive = outside.Combine("model.tar.gz");

        await FolderArchive.PackAsync(model.Path, archive, CancellationToken.None);

        using var stream = File.OpenRead(archive);
        var entries = TarGz.Read(stream);
        Assert.Equal(["model.onnx", "sub/vocab.txt"], entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("a b c"u8.ToArray(), entries["sub/vocab.txt"].Data);
    }

    [Fact]
    public async Task PackAsync_MissingFolder_ThrowsDirectoryNotFound()
    {
        using var temp = new TempDirectory();

        await Assert.ThrowsAsync<DirectoryNotFoundException>(
            () => FolderArchive.PackAsync(temp.Combine("absent"), temp.Combine("x.tar.gz"), CancellationToken.None));
        Assert.False(File.Exists(temp.Combine("x.tar.gz")));
    }
}
