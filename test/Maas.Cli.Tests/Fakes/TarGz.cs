using System.Formats.Tar;
using System.IO.Compression;

namespace Maas.Cli.Tests.Fakes;

internal static class TarGz
{
    /// <summary>Every entry of a tar.gz as name → bytes, with each entry's type so links can be spotted.</summary>
    public static Dictionary<string, (TarEntryType Type, byte[] Data)> Read(Stream archive)
    {
        var entries = new Dictionary<string, (TarEntryType, byte[])>(StringComparer.Ordinal);
        using var gzip = new GZipStream(archive, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            using var data = new MemoryStream();
            entry.DataStream?.CopyTo(data);
            entries.Add(entry.Name, (entry.EntryType, data.ToArray()));
        }

        return entries;
    }

    public static Dictionary<string, byte[]> FilesOf(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(
                path => Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/'),
                File.ReadAllBytes,
                StringComparer.Ordinal);
}
