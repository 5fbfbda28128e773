namespace Maas.Storage;

/// <summary>
/// The metadata store: models, their numbered immutable versions and aliases. Names are validated by callers.
/// Version numbers are never reused within a model, even after a delete.
/// </summary>
public interface IModelRegistry
{
    /// <summary>Applies pending schema migrations. Idempotent; called once at start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Commits a version in one transaction: creates the model if needed, assigns the next number (distinct under
    /// concurrent calls) and sets the alias if given.
    /// </summary>
    Task<ModelVersionRecord> AddVersionAsync(NewModelVersion version, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="AddVersionAsync"/>, but records <paramref name="claim"/> in the same transaction. When a live
    /// claim with the same key already exists for this model and caller, nothing is added: the earlier version comes
    /// back as replayed, or Conflict is thrown if its fingerprint differs (or its version was deleted since).
    /// </summary>
    Task<PublishedVersion> AddVersionOnceAsync(NewModelVersion version, IdempotencyClaim claim, CancellationToken cancellationToken);

    /// <summary>
    /// The version an earlier push with the same key created, if the key is still remembered; same conflicts as
    /// <see cref="AddVersionOnceAsync"/>. A cheap check before the expensive validation of an upload.
    /// </summary>
    Task<ModelVersionRecord?> FindClaimedVersionAsync(string name, IdempotencyClaim claim, CancellationToken cancellationToken);

    Task<IReadOnlyList<ModelRecord>> ListModelsAsync(CancellationToken cancellationToken);

    Task<ModelRecord?> GetModelAsync(string name, CancellationToken cancellationToken);

    Task<ModelVersionRecord?> GetVersionAsync(string name, int version, CancellationToken cancellationToken);

    /// <summary>Points an alias at a version. Throws NotFound when the model or version does not exist.</summary>
    Task SetAliasAsync(string name, string alias, int version, CancellationToken cancellationToken);

    /// <summary>Removes an alias; false when it did not exist.</summary>
    Task<bool> DeleteAliasAsync(string name, string alias, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes one version. Throws NotFound when absent, and Conflict when an alias points at it unless
    /// <paramref name="force"/> (which removes those aliases too). Deleting the last version deletes the model.
    /// </summary>
    Task<ModelVersionRecord> DeleteVersionAsync(string name, int version, bool force, CancellationToken cancellationToken);

    /// <summary>Deletes a model with all versions and aliases; returns the deleted versions. Throws NotFound.</summary>
    Task<IReadOnlyList<ModelVersionRecord>> DeleteModelAsync(string name, CancellationToken cancellationToken);

    /// <summary>The sha256 of every blob some version still references.</summary>
    Task<IReadOnlySet<string>> ListReferencedBlobsAsync(CancellationToken cancellationToken);
}
