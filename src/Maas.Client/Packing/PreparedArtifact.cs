namespace Maas.Client.Packing;

/// <summary>
/// A file ready to upload and the content type the registry expects for it; owns (and deletes on dispose)
/// the temporary tar.gz when the user pushed a folder.
/// </summary>
internal sealed class PreparedArtifact : IDisposable
{
    internal const string OnnxContentType = "application/octet-stream";
    internal const string ZipContentType = "application/zip";
    internal const string GzipContentType = "application/gzip";

    private readonly bool _isTemporary;

    private PreparedArtifact(string path, string contentType, bool isTemporary)
    {
        Path = path;
        ContentType = contentType;
        _isTemporary = isTemporary;
    }

    public string Path { get; }

    public string ContentType { get; }

    public static async Task<PreparedArtifact> PrepareAsync(string path, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            var temporary = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"maas-push-{Guid.NewGuid():N}.tar.gz");
            try
            {
                await FolderArchive.PackAsync(path, temporary, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                TryDelete(temporary);
                throw;
            }

            return new PreparedArtifact(temporary, GzipContentType, isTemporary: true);
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no such file or folder: {path}", path);
        }

        return new PreparedArtifact(path, ContentTypeOf(path), isTemporary: false);
    }

    internal static string ContentTypeOf(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        return name switch
        {
            _ when name.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) => OnnxContentType,
            _ when name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) => ZipContentType,
            _ when name.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase) => GzipContentType,
            _ => throw new ArgumentException(
                $"cannot push '{name}': give a .onnx file, a model folder, or a .zip / .tar.gz archive of one", nameof(path)),
        };
    }

    public void Dispose()
    {
        if (_isTemporary)
        {
            TryDelete(Path);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover file in the temp folder is harmless and the OS cleans it up.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
