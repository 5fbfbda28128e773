using Maas.Registry.Artifacts;
using Maas.Registry.Blobs;
using Maas.Registry.Tests.Artifacts;
using Maas.Registry.Tests.Metadata;
using Maas.Storage;
using Maas.Testing;

namespace Maas.Registry.Tests;

public sealed class RegistryJanitorTests : IDisposable
{
    private readonly RegistryFixture _fixture = new();
    private readonly TempDirectory _scratch = new();

    public void Dispose()
    {
        _fixture.Dispose();
        _scratch.Dispose();
    }

    [Fact]
    public async Task CleanAsync_AfterACrash_RemovesOrphansAndLeftoversButKeepsReferencedBlobs()
    {
        await _fixture.Registry.InitializeAsync(CancellationToken.None);
        var blobs = new LocalBlobStore(_fixture.Data.Path);
        var cache = new ArtifactCache(_fixture.Data.Path, blobs);
        var archive = TestArchives.Zip(_scratch.Combine("m.zip"), ("model.onnx", [1, 2, 3]));

        var kept = await PutAsync(blobs, archive);
        await _fixture.Registry.AddVersionAsync(RegistryFixture.Version("cnn", sha256: kept.Sha256) with { Blob = kept }, CancellationToken.None);
        cache.GetModelPath(kept.Sha256, ArtifactFormat.Zip);

        // A push that stored its blob and extracted it, then died before the database commit.
        var orphan = await blobs.PutAsync(new GeneratedStream(5000), long.MaxValue, CancellationToken.None);
        var orphanArchive = await PutAsync(blobs, TestArchives.Zip(_scratch.Combine("o.zip"), ("model.onnx", [9])));
        cache.GetModelPath(orphanArchive.Sha256, ArtifactFormat.Zip);
        await File.WriteAllTextAsync(Path.Combine(blobs.TempDirectory, "x.partial"), "half");
        Directory.CreateDirectory(Path.Combine(cache.ModelsDirectory, ".tmp-crashed"));

        var report = await new RegistryJanitor(_fixture.Registry, blobs, cache).CleanAsync(CancellationToken.None);

        Assert.Equal(new JanitorReport(OrphanBlobs: 2, TemporaryExtractions: 1, OrphanExtractions: 1), report);
        Assert.Equal([kept.Sha256], blobs.List());
        Assert.False(blobs.Exists(orphan.Sha256));
        Assert.Equal([kept.Sha256], cache.ListExtracted());
        Assert.Equal([kept.Sha256], Directory.EnumerateFileSystemEntries(cache.ModelsDirectory).Select(Path.GetFileName));
        Assert.Empty(Directory.EnumerateFileSystemEntries(blobs.TempDirectory));
    }

    [Fact]
    public async Task CleanAsync_NothingToDo_ReportsZeros()
    {
        await _fixture.Registry.InitializeAsync(CancellationToken.None);
        var blobs = new LocalBlobStore(_fixture.Data.Path);

        var report = await new RegistryJanitor(_fixture.Registry, blobs, new ArtifactCache(_fixture.Data.Path, blobs)).CleanAsync(CancellationToken.None);

        Assert.Equal(new JanitorReport(0, 0, 0), report);
    }

    private static async Task<BlobInfo> PutAsync(IBlobStore blobs, string path)
    {
        await using var file = File.OpenRead(path);
        return await blobs.PutAsync(file, long.MaxValue, CancellationToken.None);
    }
}
