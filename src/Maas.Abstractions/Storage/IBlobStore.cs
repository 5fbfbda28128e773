namespace Maas.Storage;

/// <summary>A content-addressed store of artifacts, keyed by their lower-case hex sha256.</summary>
public interface IBlobStore
{
    /// <summary>
    /// Streams <paramref name="content"/> into the store without holding it in memory: hashed on the way, written
    /// to a temporary file, flushed to disk and moved into place. A cancelled or failed put leaves nothing behind.
    /// Throws <see cref="Errors.MaasException"/> of kind TooLarge past <paramref name="maxBytes"/>.
    /// </summary>
    Task<BlobInfo> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken);

    bool Exists(string sha256);

    Stream OpenRead(string sha256);

    /// <summary>A local file holding the blob, for engines that open files by path.</summary>
    string GetLocalPath(string sha256);

    void Delete(string sha256);

    /// <summary>Every stored blob, for garbage collection against the registry.</summary>
    IEnumerable<string> List();

    /// <summary>Removes temporary files left by puts that never finished (a crash or a kill).</summary>
    void CleanTemporaryFiles();
}

public sealed record BlobInfo(string Sha256, long Size);
