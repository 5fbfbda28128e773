using System.Formats.Tar;
using System.IO.Compression;

namespace Maas.Client.Packing;

/// <summary>
/// Packs a model folder into a tar.gz: regular files only, entry names relative to the folder with '/'
/// separators, sorted so the same folder always gives the same entry order.
/// </summary>
internal static class FolderArchive
{
    public static async Task PackAsync(string folder, string destinationPath, CancellationToken cancellationToken)
    {
        var root = new DirectoryInfo(folder);
        if (!root.Exists)
        {
            throw new DirectoryNotFoundException($"no folder at '{folder}'");
        }

        var output = new FileStream(destinationPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        await using (output.ConfigureAwait(false))
        {
            var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
            await using (gzip.ConfigureAwait(false))
            {
                var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
                await using (tar.ConfigureAwait(false))
                {
                    foreach (var (file, entryName) in EnumerateFiles(root, prefix: ""))
                    {
                        await WriteFileAsync(tar, file, entryName, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Walks the folder without following links: a symlink (to a file or a folder) could point anywhere on the
    /// machine, and uploading whatever it reaches is never what a user pushing a model folder means.
    /// </summary>
    internal static IEnumerable<(FileInfo File, string EntryName)> EnumerateFiles(DirectoryInfo directory, string prefix)
    {
        var children = directory.EnumerateFileSystemInfos()
            .Where(info => info.LinkTarget is null)
            .OrderBy(info => info.Name, StringComparer.Ordinal);

        foreach (var child in children)
        {
            var entryName = prefix + child.Name;
            switch (child)
            {
                case DirectoryInfo subdirectory:
                    foreach (var nested in EnumerateFiles(subdirectory, entryName + "/"))
                    {
                        yield return nested;
                    }

                    break;
                case FileInfo file when (file.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) == 0:
                    yield return (file, entryName);
                    break;
            }
        }
    }

    private static async Task WriteFileAsync(TarWriter tar, FileInfo file, string entryName, CancellationToken cancellationToken)
    {
        var source = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (source.ConfigureAwait(false))
        {
            // Built by hand rather than from the file's metadata so no owner names or odd modes leak into the archive.
            var entry = new PaxTarEntry(TarEntryType.RegularFile, entryName)
            {
                DataStream = source,
                ModificationTime = file.LastWriteTimeUtc,
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            };
            await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
        }
    }
}
