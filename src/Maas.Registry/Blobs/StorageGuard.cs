using Maas.Errors;

namespace Maas.Registry.Blobs;

/// <summary>Bound from <c>Maas:Limits</c>: how much of the data folder's disk an upload must leave free.</summary>
public sealed class StorageLimits
{
    /// <summary>Bytes that must stay free after an upload (default 512 MiB: room for the database, logs and unpacking).</summary>
    public long MinFreeDiskBytes { get; set; } = 512L << 20;
}

/// <summary>
/// Keeps uploads from filling the disk: refuses one whose declared size does not fit before a byte is read, and stops
/// one that runs the disk down while streaming. Either way the answer is 507 and the partial file is removed.
/// </summary>
public sealed class StorageGuard
{
    private readonly Func<long> _freeBytes;

    /// <summary>Guards the disk holding <paramref name="dataDirectory"/>; <paramref name="freeBytes"/> replaces the file system's answer in tests.</summary>
    public StorageGuard(string dataDirectory, StorageLimits limits, Func<long>? freeBytes = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var root = Path.GetFullPath(dataDirectory);
        MinFreeBytes = Math.Max(0, limits.MinFreeDiskBytes);
        _freeBytes = freeBytes ?? (() => new DriveInfo(root).AvailableFreeSpace);
    }

    public long MinFreeBytes { get; }

    public long FreeBytes() => _freeBytes();

    /// <summary>Throws InsufficientStorage when <paramref name="bytes"/> more (unknown: none) would eat into the reserve.</summary>
    public void EnsureRoomFor(long? bytes)
    {
        var free = FreeBytes();
        var needed = (bytes ?? 0) + MinFreeBytes;
        if (free < needed)
        {
            var what = bytes is { } n ? $"an upload of {n} bytes" : "an upload";
            throw MaasException.InsufficientStorage(
                $"not enough disk space for {what}: the data folder has {free} bytes free and keeps {MinFreeBytes} bytes in reserve");
        }
    }

    /// <summary>Called while streaming: throws once the free space has fallen into the reserve.</summary>
    public void EnsureStillRoom(long writtenSoFar)
    {
        var free = FreeBytes();
        if (free < MinFreeBytes)
        {
            throw MaasException.InsufficientStorage(
                $"the disk of the data folder ran low during the upload after {writtenSoFar} bytes ({free} bytes free, " +
                $"{MinFreeBytes} kept in reserve); the upload was discarded");
        }
    }

    /// <summary>A write that failed because the disk is full (ENOSPC, or Windows' disk-full codes).</summary>
    public static bool IsDiskFull(IOException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return OperatingSystem.IsWindows() ? (error.HResult & 0xFFFF) is 0x70 or 0x27 : error.HResult == 28;
    }
}
