using System.Buffers;
using System.Security.Cryptography;
using Maas.Errors;
using Maas.Storage;

namespace Maas.Registry.Blobs;

/// <summary>
/// Blobs as files under <c>&lt;data&gt;/blobs/sha256/&lt;2 hex&gt;/&lt;64 hex&gt;</c>. A put streams through
/// <c>blobs/tmp/</c> and renames into place only once the content is on disk, so a reader never sees half a blob.
/// </summary>
internal sealed class LocalBlobStore : IBlobStore
{
    // Big enough for sequential disk throughput, small enough to stay off the large object heap.
    private const int BufferSize = 80 * 1024;

    // Asking the file system for free space costs a syscall; once per this many bytes is plenty to stop in time.
    private const long SpaceCheckInterval = 32L << 20;

    private readonly string _objectsRoot;
    private readonly string _tempRoot;
    private readonly StorageGuard? _guard;

    public LocalBlobStore(string dataDirectory, StorageGuard? guard = null)
    {
        _guard = guard;
        var root = Path.Combine(Path.GetFullPath(dataDirectory), "blobs");
        _objectsRoot = Path.Combine(root, "sha256");
        _tempRoot = Path.Combine(root, "tmp");
        Directory.CreateDirectory(_objectsRoot);
        Directory.CreateDirectory(_tempRoot);
    }

    /// <summary>The folder of unfinished puts; exposed for tests and diagnostics.</summary>
    internal string TempDirectory => _tempRoot;

    public async Task<BlobInfo> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);

        var tempPath = Path.Combine(_tempRoot, Guid.NewGuid().ToString("N") + ".partial");
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            var nextSpaceCheck = 0L;
            await using (var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw MaasException.TooLarge($"the artifact is larger than the limit of {maxBytes} bytes");
                    }

                    if (_guard is not null && size >= nextSpaceCheck)
                    {
                        _guard.EnsureStillRoom(size);
                        nextSpaceCheck = size + SpaceCheckInterval;
                    }

                    hash.AppendData(buffer, 0, read);
                    await WriteAsync(file, buffer.AsMemory(0, read), size, cancellationToken);
                }

                // The rename below is only a promise of durability if the bytes reached the disk first.
                try
                {
                    file.Flush(flushToDisk: true);
                }
                catch (IOException ex) when (StorageGuard.IsDiskFull(ex))
                {
                    throw DiskFull(size, ex);
                }
            }

            var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            MoveIntoPlace(tempPath, PathOf(sha256));
            return new BlobInfo(sha256, size);
        }
        catch
        {
            TryDeleteFile(tempPath);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public bool Exists(string sha256)
    {
        BlobHashes.ThrowIfInvalid(sha256);
        return File.Exists(PathOf(sha256));
    }

    public Stream OpenRead(string sha256)
    {
        var path = GetLocalPath(sha256);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.SequentialScan);
        }
        catch (FileNotFoundException)
        {
            throw NotFound(sha256);
        }
    }

    public string GetLocalPath(string sha256)
    {
        BlobHashes.ThrowIfInvalid(sha256);
        var path = PathOf(sha256);
        return File.Exists(path) ? path : throw NotFound(sha256);
    }

    public void Delete(string sha256)
    {
        BlobHashes.ThrowIfInvalid(sha256);
        File.Delete(PathOf(sha256));
    }

    public IEnumerable<string> List()
    {
        foreach (var folder in Directory.EnumerateDirectories(_objectsRoot))
        {
            var prefix = Path.GetFileName(folder);
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                var name = Path.GetFileName(file);
                if (BlobHashes.IsValid(name) && name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    yield return name;
                }
            }
        }
    }

    public void CleanTemporaryFiles()
    {
        foreach (var file in Directory.EnumerateFiles(_tempRoot))
        {
            TryDeleteFile(file);
        }

        foreach (var folder in Directory.EnumerateDirectories(_tempRoot))
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async ValueTask WriteAsync(FileStream file, ReadOnlyMemory<byte> data, long sizeSoFar, CancellationToken cancellationToken)
    {
        try
        {
            await file.WriteAsync(data, cancellationToken);
        }
        catch (IOException ex) when (StorageGuard.IsDiskFull(ex))
        {
            throw DiskFull(sizeSoFar, ex);
        }
    }

    private static MaasException DiskFull(long sizeSoFar, IOException error) =>
        MaasException.InsufficientStorage($"the disk of the data folder filled up during the upload after {sizeSoFar} bytes; the upload was discarded", error);

    private string PathOf(string sha256) => Path.Combine(_objectsRoot, sha256[..2], sha256);

    private static void MoveIntoPlace(string tempPath, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target))
        {
            // Same hash, same bytes: the stored copy is as good as ours.
            File.Delete(tempPath);
            return;
        }

        try
        {
            File.Move(tempPath, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            // A concurrent put of the same content renamed first.
            File.Delete(tempPath);
        }
    }

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static MaasException NotFound(string sha256) => MaasException.NotFound($"blob {sha256} is not in the store");
}
