using System.Formats.Tar;
using System.IO.Compression;

namespace Maas.Registry.Tests.Artifacts;

/// <summary>Builds real archives on disk, honest ones from folders and hostile ones entry by entry.</summary>
internal static class TestArchives
{
    public static string ZipFolder(string source, string archivePath, bool includeTopFolder)
    {
        ZipFile.CreateFromDirectory(source, archivePath, CompressionLevel.Fastest, includeTopFolder);
        return archivePath;
    }

    public static string TarGzFolder(string source, string archivePath, bool includeTopFolder)
    {
        using var file = File.Create(archivePath);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        TarFile.CreateFromDirectory(source, gzip, includeTopFolder);
        return archivePath;
    }

    public static string TarGz(string archivePath, params TarEntry[] entries)
    {
        using var file = File.Create(archivePath);
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        using var writer = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var entry in entries)
        {
            writer.WriteEntry(entry);
        }

        return archivePath;
    }

    public static PaxTarEntry TarFileEntry(string name, byte[] content) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };

    public static string Zip(string archivePath, params (string Name, byte[] Content)[] entries)
    {
        using var zip = ZipFile.Open(archivePath, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            using var stream = entry.Open();
            stream.Write(content);
        }

        return archivePath;
    }

    /// <summary>Relative path and bytes of every file under a folder, sorted, for whole-tree comparisons.</summary>
    public static List<(string Path, byte[] Content)> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllBytes(f)))
            .OrderBy(f => f.Item1, StringComparer.Ordinal)
            .ToList();
}
