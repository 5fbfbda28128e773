using System.Buffers;

namespace Maas.Registry.Artifacts;

/// <summary>
/// Writes the entries of one archive under a destination folder, enforcing <see cref="ArchiveLimits"/> on the bytes
/// actually written: archive headers can lie about sizes, the output cannot.
/// </summary>
internal sealed class ExtractionSession : IDisposable
{
    private const int BufferSize = 80 * 1024;

    // Folders from macOS Finder's "Compress"; they would also hide a single top-level folder.
    private const string MacMetadataFolder = "__MACOSX";

    private readonly string _root;
    private readonly string _rootWithSeparator;
    private readonly ArchiveLimits _limits;
    private readonly CancellationToken _cancellationToken;
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private readonly HashSet<string> _files = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _folders = new(StringComparer.OrdinalIgnoreCase);
    private int _entries;
    private long _totalBytes;

    public ExtractionSession(string root, ArchiveLimits limits, CancellationToken cancellationToken)
    {
        _root = Path.GetFullPath(root);
        _rootWithSeparator = Path.EndsInDirectorySeparator(_root) ? _root : _root + Path.DirectorySeparatorChar;
        _limits = limits;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// How many compressed bytes the whole archive has consumed so far, for formats (tar.gz) whose entries carry no
    /// compressed size of their own; the ratio is then checked over the stream instead of per entry.
    /// </summary>
    public Func<long>? StreamCompressedBytes { get; init; }

    /// <summary>Counts one entry of any kind against the entry limit.</summary>
    public void CountEntry(string entryName)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (++_entries > _limits.MaxEntries)
        {
            throw ArchiveEntryPaths.Reject(entryName, $"is past the limit of {_limits.MaxEntries} entries per archive");
        }
    }

    public void AddFolder(string entryName)
    {
        var relative = ArchiveEntryPaths.Normalize(entryName);
        if (relative is null || IsMacMetadata(relative))
        {
            return;
        }

        if (_files.Contains(relative))
        {
            throw ArchiveEntryPaths.Reject(entryName, "names a folder where the archive already has a file");
        }

        AddParents(entryName, relative);
        _folders.Add(relative);
        Directory.CreateDirectory(FullPath(entryName, relative));
    }

    /// <summary>Writes a regular file; <paramref name="compressedLength"/> is its size inside the archive when known.</summary>
    public void AddFile(string entryName, Stream? data, long? compressedLength)
    {
        var relative = ArchiveEntryPaths.Normalize(entryName) ?? throw ArchiveEntryPaths.Reject(entryName, "is a file with no name");
        if (IsMacMetadata(relative))
        {
            return;
        }

        if (!_files.Add(relative))
        {
            throw ArchiveEntryPaths.Reject(entryName, "appears twice in the archive");
        }

        if (_folders.Contains(relative))
        {
            throw ArchiveEntryPaths.Reject(entryName, "names a file where the archive already has a folder");
        }

        AddParents(entryName, relative);
        var path = FullPath(entryName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        if (data is null)
        {
            return;
        }

        long written = 0;
        int read;
        while ((read = data.Read(_buffer, 0, BufferSize)) > 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            written += read;
            _totalBytes += read;
            CheckLimits(entryName, written, compressedLength);
            output.Write(_buffer, 0, read);
        }
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

    private void CheckLimits(string entryName, long written, long? compressedLength)
    {
        if (written > _limits.MaxFileBytes)
        {
            throw ArchiveEntryPaths.Reject(entryName, $"expands past the limit of {_limits.MaxFileBytes} bytes per file");
        }

        if (_totalBytes > _limits.MaxTotalBytes)
        {
            throw ArchiveEntryPaths.Reject(entryName, $"takes the archive past the limit of {_limits.MaxTotalBytes} extracted bytes");
        }

        var (uncompressed, compressed) = compressedLength is { } length
            ? (written, length)
            : (_totalBytes, StreamCompressedBytes?.Invoke() ?? long.MaxValue);
        if (uncompressed > _limits.RatioCheckThresholdBytes && uncompressed > _limits.MaxCompressionRatio * Math.Max(compressed, 1))
        {
            throw ArchiveEntryPaths.Reject(
                entryName, $"expands more than {_limits.MaxCompressionRatio}:1 ({uncompressed} bytes from {compressed}), which looks like a decompression bomb");
        }
    }

    private static bool IsMacMetadata(string relative) =>
        relative == MacMetadataFolder || relative.StartsWith(MacMetadataFolder + "/", StringComparison.Ordinal);

    private void AddParents(string entryName, string relative)
    {
        for (var slash = relative.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = relative.IndexOf('/', slash + 1))
        {
            var parent = relative[..slash];
            if (_files.Contains(parent))
            {
                throw ArchiveEntryPaths.Reject(entryName, $"is inside '{parent}', which the archive already has as a file");
            }

            _folders.Add(parent);
        }
    }

    private string FullPath(string entryName, string relative)
    {
        // Normalize has already refused every trick we know of; this catches the ones we do not.
        var full = Path.GetFullPath(Path.Combine(_root, relative));
        return full.StartsWith(_rootWithSeparator, StringComparison.Ordinal)
            ? full
            : throw ArchiveEntryPaths.Reject(entryName, "resolves outside the destination folder");
    }
}
