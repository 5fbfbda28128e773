using Maas.Registry.Artifacts;
using Maas.Storage;

namespace Maas.Registry;

/// <summary>
/// Start-up cleanup of what a crash can leave behind: unfinished uploads, blobs stored but never committed (a crash
/// between the blob rename and the database commit), half-done extractions and extractions of deleted blobs.
/// Run it before the server accepts uploads: a blob being pushed right now is not yet referenced.
/// </summary>
public sealed class RegistryJanitor(IModelRegistry registry, IBlobStore blobs, ArtifactCache artifacts)
{
    public async Task<JanitorReport> CleanAsync(CancellationToken cancellationToken)
    {
        blobs.CleanTemporaryFiles();
        var temporaryFolders = artifacts.CleanTemporaryFolders();

        var referenced = await registry.ListReferencedBlobsAsync(cancellationToken);
        var orphanBlobs = 0;
        foreach (var sha256 in blobs.List().Where(b => !referenced.Contains(b)).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            blobs.Delete(sha256);
            orphanBlobs++;
        }

        var orphanExtractions = 0;
        foreach (var sha256 in artifacts.ListExtracted().Where(b => !referenced.Contains(b)).ToList())
        {
            artifacts.Remove(sha256);
            orphanExtractions++;
        }

        return new JanitorReport(orphanBlobs, temporaryFolders, orphanExtractions);
    }
}
