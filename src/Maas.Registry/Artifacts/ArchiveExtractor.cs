using System.Formats.Tar;
using System.IO.Compression;
using Maas.Errors;
using Maas.Storage;

namespace Maas.Registry.Artifacts;

/// <summary>
/// Unpacks a zip or tar.gz model folder, refusing anything that could escape the destination (absolute paths,
/// <c>..</c>, links, devices) or exhaust the disk (see <see cref="ArchiveLimits"/>). Every failure caused by the
/// archive's content is a <see cref="MaasException"/> of kind InvalidModel.
/// </summary>
public sealed class ArchiveExtractor(ArchiveLimits limits)
{
    // Unix file type bits, which zip tools store in the high half of the external attributes.
    private const int UnixTypeMask = 0xF000;
    private const int UnixSymlink = 0xA000;
    private const int UnixRegularFile = 0x8000;
    private const int UnixFolder = 0x4000;

    public ArchiveExtractor()
        : this(new ArchiveLimits())
    {
    }

    /// <summary>
    /// Extracts <paramref name="archivePath"/> into <paramref name="destination"/> (created if missing; expected to
    /// be empty). A single top-level folder wrapping everything is stripped, so the model files land at the root.
    /// On failure the destination may hold part of the content; the caller owns deleting it.
    /// </summary>
    public void Extract(string archivePath, ArtifactFormat format, string destination, CancellationToken cancellationToken = default)
    {
        if (format == ArtifactFormat.Onnx)
        {
            throw new ArgumentException("a single ONNX file is not an archive", nameof(format));
        }

        Directory.CreateDirectory(destination);
        using var file = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        try
        {
            if (format == ArtifactFormat.Zip)
            {
                ExtractZip(file, destination, cancellationToken);
            }
            else
            {
                ExtractTarGz(file, destination, cancellationToken);
            }
        }
        catch (Exception ex) when (IsUnreadableArchive(ex))
        {
            var kind = format == ArtifactFormat.Zip ? "zip" : "tar.gz";
            throw MaasException.InvalidModel($"the {kind} archive is corrupt or unreadable: {ErrorText.Of(ex)}", ex);
        }

        StripSingleTopFolder(destination);
    }

    private void ExtractZip(FileStream file, string destination, CancellationToken cancellationToken)
    {
        using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
        using var session = new ExtractionSession(destination, limits, cancellationToken);
        foreach (var entry in zip.Entries)
        {
            session.CountEntry(entry.FullName);
            var unixType = (entry.ExternalAttributes >> 16) & UnixTypeMask;
            if (unixType == UnixSymlink)
            {
                throw ArchiveEntryPaths.Reject(entry.FullName, "is a symbolic link, which model archives may not contain");
            }

            var isFolder = entry.FullName.EndsWith('/') || unixType == UnixFolder;
            if (unixType != 0 && unixType != UnixRegularFile && !isFolder)
            {
                throw ArchiveEntryPaths.Reject(entry.FullName, "is a device, pipe or socket, which model archives may not contain");
            }

            if (isFolder)
            {
                session.AddFolder(entry.FullName);
                continue;
            }

            using var data = entry.Open();
            session.AddFile(entry.FullName, data, entry.CompressedLength);
        }
    }

    private void ExtractTarGz(FileStream file, string destination, CancellationToken cancellationToken)
    {
        using var gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
        using var tar = new TarReader(gzip);
        using var session = new ExtractionSession(destination, limits, cancellationToken)
        {
            // The file position is how much compressed input the decompressor has pulled so far.
            StreamCompressedBytes = () => file.Position,
        };
        while (tar.GetNextEntry() is { } entry)
        {
            session.CountEntry(entry.Name);
            switch (entry.EntryType)
            {
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    session.AddFile(entry.Name, entry.DataStream, compressedLength: null);
                    break;
                case TarEntryType.Directory:
                    session.AddFolder(entry.Name);
                    break;
                case TarEntryType.GlobalExtendedAttributes:
                    // Metadata for the entries that follow (pax); nothing to write.
                    break;
                case TarEntryType.SymbolicLink:
                    throw ArchiveEntryPaths.Reject(entry.Name, "is a symbolic link, which model archives may not contain");
                case TarEntryType.HardLink:
                    throw ArchiveEntryPaths.Reject(entry.Name, "is a hard link, which model archives may not contain");
                case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                    throw ArchiveEntryPaths.Reject(entry.Name, "is a device or pipe, which model archives may not contain");
                default:
                    throw ArchiveEntryPaths.Reject(entry.Name, $"has the unsupported tar entry type {entry.EntryType}");
            }
        }
    }

    /// <summary>
    /// Errors the readers raise on malformed input. Anything else (cancellation, our own rejections, permission
    /// problems in the data folder) is not the archive's fault and passes through.
    /// </summary>
    private static bool IsUnreadableArchive(Exception ex) => ex is
        InvalidDataException or EndOfStreamException or FormatException or NotSupportedException or ArgumentException
        or IOException and not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException);

    private static void StripSingleTopFolder(string destination)
    {
        var entries = Directory.GetFileSystemEntries(destination);
        if (entries.Length != 1 || !Directory.Exists(entries[0]))
        {
            return;
        }

        // Rename first: the folder may contain an entry with its own name (bert/bert/...).
        var staging = Path.Combine(destination, ".maas-strip-" + Guid.NewGuid().ToString("N"));
        Directory.Move(entries[0], staging);
        foreach (var child in Directory.GetFileSystemEntries(staging))
        {
            var target = Path.Combine(destination, Path.GetFileName(child));
            if (Directory.Exists(child))
            {
                Directory.Move(child, target);
            }
            else
            {
                File.Move(child, target);
            }
        }

        Directory.Delete(staging);
    }
}
