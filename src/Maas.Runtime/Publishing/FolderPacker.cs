using System.Formats.Tar;
using System.IO.Compression;
using System.IO.Pipelines;

namespace Maas.Runtime.Publishing;

/// <summary>
/// Packs a model folder into a tar.gz for the blob store. Same folder contents, same bytes: entries are sorted and
/// carry a fixed time and mode, so the content address depends on the files alone.
/// </summary>
internal static class FolderPacker
{
    private static readonly DateTimeOffset FixedTime = DateTimeOffset.UnixEpoch;

    /// <summary>
    /// Regular files under <paramref name="root"/> with their entry names ('/'-separated, relative), sorted. Links are
    /// skipped: one could reach anywhere on the machine, and a model folder never means that.
    /// </summary>
    public static List<(FileInfo File, string EntryName)> ListFiles(DirectoryInfo root)
    {
        var files = new List<(FileInfo, string)>();
        Collect(root, "", files);
        return files;
    }

    /// <summary>Writes the archive into <paramref name="output"/> and completes it, with the error if one occurred; never throws.</summary>
    public static Task PackAsync(IReadOnlyList<(FileInfo File, string EntryName)> files, PipeWriter output, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            Exception? error = null;
            try
            {
                await using var stream = output.AsStream(leaveOpen: true);
                await using (var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
                await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
                {
                    foreach (var (file, entryName) in files)
                    {
                        await WriteFileAsync(tar, file, entryName, cancellationToken);
                    }
                }
            }
            catch (Exception ex)
            {
                error = ex;
            }

            await output.CompleteAsync(error);
        }, CancellationToken.None);

    private static void Collect(DirectoryInfo directory, string prefix, List<(FileInfo, string)> files)
    {
        var children = directory.EnumerateFileSystemInfos()
            .Where(info => info.LinkTarget is null)
            .OrderBy(info => info.Name, StringComparer.Ordinal);
        foreach (var child in children)
        {
            switch (child)
            {
                case DirectoryInfo folder:
                    Collect(folder, prefix + child.Name + "/", files);
                    break;
                case FileInfo file when (file.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) == 0:
                    files.Add((file, prefix + child.Name));
                    break;
            }
        }
    }

    private static async Task WriteFileAsync(TarWriter tar, FileInfo file, string entryName, CancellationToken cancellationToken)
    {
        await using var source = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var entry = new PaxTarEntry(TarEntryType.RegularFile, entryName)
        {
            DataStream = source,
            ModificationTime = FixedTime,
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        };
        await tar.WriteEntryAsync(entry, cancellationToken);
    }
}
