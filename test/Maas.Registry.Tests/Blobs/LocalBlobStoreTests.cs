using System.Security.Cryptography;
using Maas.Errors;
using Maas.Registry.Blobs;
using Maas.Testing;

namespace Maas.Registry.Tests.Blobs;

public sealed class LocalBlobStoreTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly LocalBlobStore _store;

    public LocalBlobStoreTests() => _store = new LocalBlobStore(_data.Path);

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task PutAsync_SmallContent_StoresBytesUnderTheirSha256()
    {
        var bytes = RandomNumberGenerator.GetBytes(10_000);

        var blob = await _store.PutAsync(new MemoryStream(bytes), maxBytes: 1 << 20, CancellationToken.None);

        var expected = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal(expected, blob.Sha256);
        Assert.Equal(bytes.Length, blob.Size);
        Assert.True(_store.Exists(expected));
        Assert.Equal(_data.Combine("blobs", "sha256", expected[..2], expected), _store.GetLocalPath(expected));
        using var read = _store.OpenRead(expected);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal([expected], _store.List());
    }

    [Fact]
    public async Task PutAsync_EmptyContent_StoresTheEmptyBlob()
    {
        var blob = await _store.PutAsync(new MemoryStream(), maxBytes: 10, CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(ReadOnlySpan<byte>.Empty)), blob.Sha256);
        Assert.Equal(0, blob.Size);
    }

    [Fact]
    public async Task PutAsync_SameContentConcurrently_StoresOneBlobAndNoTempFiles()
    {
        var bytes = RandomNumberGenerator.GetBytes(300_000);

        var blobs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => _store.PutAsync(new MemoryStream(bytes), 1 << 20, CancellationToken.None))));

        Assert.Single(blobs.Select(b => b.Sha256).Distinct());
        Assert.Single(_store.List());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_store.TempDirectory));
    }

    [Fact]
    public async Task PutAsync_NonSeekable64MegabyteStream_HashesAndStoresEverything()
    {
        const long length = 64L << 20;
        var expected = Convert.ToHexStringLower(await SHA256.HashDataAsync(new GeneratedStream(length, seed: 7)));

        var blob = await _store.PutAsync(new GeneratedStream(length, seed: 7), maxBytes: length, CancellationToken.None);

        Assert.Equal(expected, blob.Sha256);
        Assert.Equal(length, blob.Size);
        Assert.Equal(length, new FileInfo(_store.GetLocalPath(blob.Sha256)).Length);
    }

    [Fact]
    public async Task PutAsync_ContentAtTheLimit_IsAccepted()
    {
        var blob = await _store.PutAsync(new GeneratedStream(4096), maxBytes: 4096, CancellationToken.None);

        Assert.Equal(4096, blob.Size);
    }

    [Fact]
    public async Task PutAsync_ContentOverTheLimit_ThrowsTooLargeAndLeavesNothing()
    {
        var error = await Assert.ThrowsAsync<MaasException>(() =>
            _store.PutAsync(new GeneratedStream(1_000_000), maxBytes: 500_000, CancellationToken.None));

        Assert.Equal(ErrorKind.TooLarge, error.Kind);
        Assert.Contains("500000 bytes", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_store.TempDirectory));
        Assert.Empty(_store.List());
    }

    [Fact]
    public async Task PutAsync_CancelledMidStream_LeavesNoTempFile()
    {
        using var cancellation = new CancellationTokenSource();
        var content = new GeneratedStream(10_000_000) { TriggerAfterBytes = 1_000_000, OnTrigger = cancellation.Cancel };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.PutAsync(content, long.MaxValue, cancellation.Token));

        Assert.Empty(Directory.EnumerateFileSystemEntries(_store.TempDirectory));
        Assert.Empty(_store.List());
    }

    [Fact]
    public async Task PutAsync_SourceFailsMidStream_LeavesNoTempFile()
    {
        var content = new GeneratedStream(10_000_000) { TriggerAfterBytes = 500_000, OnTrigger = () => throw new IOException("connection reset") };

        await Assert.ThrowsAsync<IOException>(() => _store.PutAsync(content, long.MaxValue, CancellationToken.None));

        Assert.Empty(Directory.EnumerateFileSystemEntries(_store.TempDirectory));
    }

    [Theory]
    [InlineData("../../../../etc/passwd")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("abcdef0123456789abcdef0123456789abcdef0123456789abcdef012345678")]
    [InlineData("ab/def0123456789abcdef0123456789abcdef0123456789abcdef0123456789")]
    [InlineData("")]
    public void Methods_MalformedSha256_ThrowInvalidInput(string sha256)
    {
        Assert.Equal(ErrorKind.InvalidInput, Assert.Throws<MaasException>(() => _store.Exists(sha256)).Kind);
        Assert.Equal(ErrorKind.InvalidInput, Assert.Throws<MaasException>(() => _store.OpenRead(sha256)).Kind);
        Assert.Equal(ErrorKind.InvalidInput, Assert.Throws<MaasException>(() => _store.GetLocalPath(sha256)).Kind);
        Assert.Equal(ErrorKind.InvalidInput, Assert.Throws<MaasException>(() => _store.Delete(sha256)).Kind);
    }

    [Fact]
    public void OpenRead_UnknownBlob_ThrowsNotFound()
    {
        var sha256 = new string('a', 64);

        var error = Assert.Throws<MaasException>(() => _store.OpenRead(sha256));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.False(_store.Exists(sha256));
    }

    [Fact]
    public async Task Delete_StoredBlob_RemovesIt()
    {
        var blob = await _store.PutAsync(new GeneratedStream(100), 100, CancellationToken.None);

        _store.Delete(blob.Sha256);
        _store.Delete(blob.Sha256);

        Assert.False(_store.Exists(blob.Sha256));
        Assert.Empty(_store.List());
    }

    [Fact]
    public async Task CleanTemporaryFiles_LeftoversFromACrash_RemovesThemAndKeepsBlobs()
    {
        var blob = await _store.PutAsync(new GeneratedStream(100), 100, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(_store.TempDirectory, "abandoned.partial"), "half an upload");
        Directory.CreateDirectory(Path.Combine(_store.TempDirectory, "stray"));

        _store.CleanTemporaryFiles();

        Assert.Empty(Directory.EnumerateFileSystemEntries(_store.TempDirectory));
        Assert.True(_store.Exists(blob.Sha256));
    }
}
