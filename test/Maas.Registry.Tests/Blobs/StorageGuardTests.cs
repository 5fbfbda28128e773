using Maas.Errors;
using Maas.Registry.Blobs;
using Maas.Testing;

namespace Maas.Registry.Tests.Blobs;

/// <summary>The disk reserve: a declared size that does not fit is refused, a put that runs the disk down stops and leaves nothing.</summary>
public sealed class StorageGuardTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void EnsureRoomFor_DeclaredSizeEatsIntoReserve_IsInsufficientStorageWithNumbers()
    {
        var guard = new StorageGuard(_data.Path, new StorageLimits { MinFreeDiskBytes = 1000 }, () => 5000);

        guard.EnsureRoomFor(4000);
        guard.EnsureRoomFor(null);
        var error = Assert.Throws<MaasException>(() => guard.EnsureRoomFor(4001));

        Assert.Equal(ErrorKind.InsufficientStorage, error.Kind);
        Assert.Contains("4001 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("5000 bytes free", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutAsync_DiskRunsLowMidStream_StopsRemovesTempFileAndStoresNothing()
    {
        // Free space shrinks by what the put wrote, from 100 MiB with a 40 MiB reserve: it must stop near 60 MiB.
        var store = default(LocalBlobStore);
        var guard = new StorageGuard(_data.Path, new StorageLimits { MinFreeDiskBytes = 40L << 20 }, () => (100L << 20) - TempBytes(store!));
        store = new LocalBlobStore(_data.Path, guard);

        var error = await Assert.ThrowsAsync<MaasException>(() =>
            store.PutAsync(new GeneratedStream(200L << 20), maxBytes: 1L << 30, CancellationToken.None));

        Assert.Equal(ErrorKind.InsufficientStorage, error.Kind);
        Assert.Contains("discarded", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(store.TempDirectory));
        Assert.Empty(store.List());
    }

    [Fact]
    public async Task PutAsync_EnoughRoom_StoresAsBefore()
    {
        var guard = new StorageGuard(_data.Path, new StorageLimits { MinFreeDiskBytes = 1 }, () => long.MaxValue);
        var store = new LocalBlobStore(_data.Path, guard);

        var blob = await store.PutAsync(new GeneratedStream(3L << 20), maxBytes: 1L << 30, CancellationToken.None);

        Assert.Equal(3L << 20, blob.Size);
        Assert.True(store.Exists(blob.Sha256));
    }

    private static long TempBytes(LocalBlobStore store) =>
        Directory.EnumerateFiles(store.TempDirectory).Sum(f => new FileInfo(f).Length);
}
