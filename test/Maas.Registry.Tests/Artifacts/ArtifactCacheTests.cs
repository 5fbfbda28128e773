using Maas.Errors;
using Maas.Registry.Artifacts;
using Maas.Registry.Blobs;
using Maas.Storage;
using Maas.Testing;

namespace Maas.Registry.Tests.Artifacts;

public sealed class ArtifactCacheTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _scratch = new();
    private readonly LocalBlobStore _blobs;
    private readonly ArtifactCache _cache;

    public ArtifactCacheTests()
    {
        _blobs = new LocalBlobStore(_data.Path);
        _cache = new ArtifactCache(_data.Path, _blobs);
    }

    public void Dispose()
    {
        _data.Dispose();
        _scratch.Dispose();
    }

    [Fact]
    public async Task GetModelPath_Onnx_ReturnsTheBlobFileItself()
    {
        var blob = await PutFileAsync(SharedModels.PathOf("cnn-cifar10", "model.onnx"));

        var path = _cache.GetModelPath(blob.Sha256, ArtifactFormat.Onnx);

        Assert.Equal(_blobs.GetLocalPath(blob.Sha256), path);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_cache.ModelsDirectory));
    }

    [Fact]
    public async Task GetModelPath_TarGz_ExtractsOnceUnderTheHashAndReusesIt()
    {
        var blob = await PutArchiveAsync(ArtifactFormat.TarGz);

        var first = _cache.GetModelPath(blob.Sha256, ArtifactFormat.TarGz);
        var marker = Path.Combine(first, "marker");
        await File.WriteAllTextAsync(marker, "still here");
        var second = _cache.GetModelPath(blob.Sha256, ArtifactFormat.TarGz);

        Assert.Equal(Path.Combine(_data.Path, "models", blob.Sha256), first);
        Assert.Equal(first, second);
        Assert.True(File.Exists(marker));
        Assert.True(File.Exists(Path.Combine(first, "model.onnx")));
    }

    [Fact]
    public async Task GetModelPath_ConcurrentFirstUse_AllGetTheSameCompleteFolder()
    {
        var blob = await PutArchiveAsync(ArtifactFormat.Zip);

        var paths = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => _cache.GetModelPath(blob.Sha256, ArtifactFormat.Zip))));

        Assert.Single(paths.Distinct());
        Assert.Equal(
            TestArchives.Snapshot(SharedModels.PathOf("cnn-cifar10")).Select(f => f.Path),
            TestArchives.Snapshot(paths[0]).Select(f => f.Path));
        Assert.Equal([blob.Sha256], Directory.EnumerateFileSystemEntries(_cache.ModelsDirectory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task GetModelPath_RejectedArchive_ThrowsInvalidModelAndLeavesNoFolder()
    {
        var archive = TestArchives.Zip(_scratch.Combine("bad.zip"), ("../evil", [1]));
        var blob = await PutFileAsync(archive);

        var error = Assert.Throws<MaasException>(() => _cache.GetModelPath(blob.Sha256, ArtifactFormat.Zip));

        Assert.Equal(ErrorKind.InvalidModel, error.Kind);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_cache.ModelsDirectory));
    }

    [Fact]
    public void GetModelPath_MissingBlob_ThrowsNotFound()
    {
        var error = Assert.Throws<MaasException>(() => _cache.GetModelPath(new string('c', 64), ArtifactFormat.Zip));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public void GetModelPath_MalformedHash_ThrowsInvalidInput()
    {
        var error = Assert.Throws<MaasException>(() => _cache.GetModelPath("../../etc", ArtifactFormat.Zip));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }

    [Fact]
    public async Task Remove_ExtractedFolder_DeletesItAndTheNextUseExtractsAgain()
    {
        var blob = await PutArchiveAsync(ArtifactFormat.Zip);
        var path = _cache.GetModelPath(blob.Sha256, ArtifactFormat.Zip);

        _cache.Remove(blob.Sha256);
        Assert.False(Directory.Exists(path));
        Assert.Empty(_cache.ListExtracted());

        Assert.Equal(path, _cache.GetModelPath(blob.Sha256, ArtifactFormat.Zip));
        Assert.True(File.Exists(Path.Combine(path, "model.onnx")));
    }

    [Fact]
    public async Task CleanTemporaryFolders_InterruptedExtraction_RemovesOnlyTemporaryFolders()
    {
        var blob = await PutArchiveAsync(ArtifactFormat.Zip);
        _cache.GetModelPath(blob.Sha256, ArtifactFormat.Zip);
        var leftover = Path.Combine(_cache.ModelsDirectory, ".tmp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(leftover, "sub"));

        var removed = _cache.CleanTemporaryFolders();

        Assert.Equal(1, removed);
        Assert.False(Directory.Exists(leftover));
        Assert.Equal([blob.Sha256], _cache.ListExtracted());
    }

    private async Task<BlobInfo> PutArchiveAsync(ArtifactFormat format)
    {
        var source = SharedModels.PathOf("cnn-cifar10");
        var archive = format == ArtifactFormat.Zip
            ? TestArchives.ZipFolder(source, _scratch.Combine("m.zip"), includeTopFolder: true)
            : TestArchives.TarGzFolder(source, _scratch.Combine("m.tgz"), includeTopFolder: true);
        return await PutFileAsync(archive);
    }

    private async Task<BlobInfo> PutFileAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return await _blobs.PutAsync(file, long.MaxValue, CancellationToken.None);
    }
}
