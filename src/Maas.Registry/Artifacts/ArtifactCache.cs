using Maas.Registry.Blobs;
using Maas.Storage;

namespace Maas.Registry.Artifacts;

/// <summary>
/// Where the engine finds a model on disk. A single ONNX file is opened straight from the blob store; an archive is
/// extracted once into <c>&lt;data&gt;/models/&lt;sha256&gt;/</c> and reused. Extraction happens in a temporary
/// folder that is renamed into place, so a half-extracted folder is never visible under its final name.
/// </summary>
public sealed class ArtifactCache
{
    private const string TempPrefix = ".tmp-";

    private readonly IBlobStore _blobs;
    private readonly ArchiveExtractor _extractor;

    public ArtifactCache(string dataDirectory, IBlobStore blobs, ArchiveLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ModelsDirectory = Path.Combine(Path.GetFullPath(dataDirectory), "models");
        Directory.CreateDirectory(ModelsDirectory);
        _blobs = blobs;
        _extractor = new ArchiveExtractor(limits ?? new ArchiveLimits());
    }

    /// <summary>The folder holding extracted archives.</summary>
    public string ModelsDirectory { get; }

    /// <summary>
    /// A path the engine can open: the ONNX file itself, or the folder an archive was extracted into (without a
    /// trailing separator). Throws NotFound when the blob is missing and InvalidModel when the archive is rejected.
    /// </summary>
    public string GetModelPath(string sha256, ArtifactFormat format)
    {
        BlobHashes.ThrowIfInvalid(sha256);
        if (format == ArtifactFormat.Onnx)
        {
            return _blobs.GetLocalPath(sha256);
        }

        var final = Path.Combine(ModelsDirectory, sha256);
        if (Directory.Exists(final))
        {
            return final;
        }

        var archive = _blobs.GetLocalPath(sha256);
        var temp = Path.Combine(ModelsDirectory, TempPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            _extractor.Extract(archive, format, temp);
            Directory.Move(temp, final);
        }
        catch (IOException) when (Directory.Exists(final))
        {
            // Another caller extracted the same blob first; its folder has the same content.
        }
        finally
        {
            TryDeleteFolder(temp);
        }

        return final;
    }

    /// <summary>Deletes the extracted folder of a blob, if any. The folder disappears at once, by a rename.</summary>
    public void Remove(string sha256)
    {
        BlobHashes.ThrowIfInvalid(sha256);
        var final = Path.Combine(ModelsDirectory, sha256);
        if (!Directory.Exists(final))
        {
            return;
        }

        var doomed = Path.Combine(ModelsDirectory, TempPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.Move(final, doomed);
        }
        catch (DirectoryNotFoundException)
        {
            return;
        }

        TryDeleteFolder(doomed);
    }

    /// <summary>Every blob that has an extracted folder.</summary>
    public IEnumerable<string> ListExtracted() =>
        Directory.EnumerateDirectories(ModelsDirectory).Select(Path.GetFileName).Where(BlobHashes.IsValid)!;

    /// <summary>Deletes extraction folders left by a crash; returns how many. Call at start, before any extraction.</summary>
    public int CleanTemporaryFolders()
    {
        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(ModelsDirectory, TempPrefix + "*"))
        {
            if (TryDeleteFolder(folder))
            {
                removed++;
            }
        }

        return removed;
    }

    private static bool TryDeleteFolder(string path)
    {
        try
        {
            if (!Directory.Exists(path))
            {
                return false;
            }

            Directory.Delete(path, recursive: true);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
