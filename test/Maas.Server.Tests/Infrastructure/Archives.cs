using System.Formats.Tar;
using System.IO.Compression;

namespace Maas.Server.Tests.Infrastructure;

/// <summary>Packs model folders the way users do: zip, or tar.gz with or without a top folder.</summary>
public static class Archives
{
    public static byte[] Zip(string folder)
    {
        using var buffer = new MemoryStream();
        ZipFile.CreateFromDirectory(folder, buffer, CompressionLevel.Fastest, includeBaseDirectory: false);
        return buffer.ToArray();
    }

    public static byte[] TarGz(string folder, bool includeBaseDirectory)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            TarFile.CreateFromDirectory(folder, gzip, includeBaseDirectory);
        }

        return buffer.ToArray();
    }
}
