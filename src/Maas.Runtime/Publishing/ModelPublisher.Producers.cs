using System.IO.Pipelines;
using Maas.Errors;
using Maas.Storage;

namespace Maas.Runtime.Publishing;

/// <summary>
/// Entries for producers inside the server (training, optimisation): a folder or a stream becomes a version through
/// the same store, validation and single commit as an HTTP upload, so it is content-addressed and atomic too.
/// </summary>
public sealed partial class ModelPublisher
{
    /// <summary>The HTTP push of old: an upload with an optional alias, no idempotency key.</summary>
    public async Task<ModelVersionRecord> PushAsync(string name, Stream content, string? alias, bool load, long maxBytes, CancellationToken cancellationToken) =>
        (await PublishAsync(name, content, new PublishOptions { Alias = alias, Load = load, MaxBytes = maxBytes }, cancellationToken)).Version;

    /// <summary>
    /// Packs <paramref name="folderPath"/> (regular files only, links skipped) into a tar.gz streamed straight into
    /// the blob store, then publishes it like an uploaded archive. The packing is deterministic (sorted entries, fixed
    /// times and modes), so publishing an unchanged folder again stores no new bytes.
    /// </summary>
    public async Task<PublishedVersion> PublishFolderAsync(string name, string folderPath, PublishOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(folderPath);
        ArgumentNullException.ThrowIfNull(options);
        var root = new DirectoryInfo(Path.GetFullPath(folderPath));
        if (!root.Exists)
        {
            throw MaasException.InvalidInput($"no model folder at '{folderPath}'");
        }

        var files = FolderPacker.ListFiles(root);
        if (files.Count == 0)
        {
            throw MaasException.InvalidModel($"the model folder '{folderPath}' holds no files");
        }

        // The pipe bounds memory to about a megabyte however big the folder is; packing and hashing overlap.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 512 << 10));
        using var packing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var packer = FolderPacker.PackAsync(files, pipe.Writer, packing.Token);
        try
        {
            await using var archive = pipe.Reader.AsStream();
            return await PublishAsync(name, archive, options with { Format = ArtifactFormat.TarGz }, cancellationToken);
        }
        finally
        {
            // Stops a packer whose reader gave up (too large, cancelled); its own errors already reached the reader.
            await packing.CancelAsync();
            await packer;
        }
    }

    /// <summary>Publishes an artifact the caller already holds as a stream (an .onnx file, a zip or a tar.gz).</summary>
    public Task<PublishedVersion> PublishStreamAsync(
        string name, Stream content, ArtifactFormat format, PublishOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        return PublishAsync(name, content, options with { Format = format }, cancellationToken);
    }

    private async Task<(IdempotencyClaim? Claim, PublishedVersion? Earlier)> FindClaimAsync(
        string name, BlobInfo blob, PublishOptions options, CancellationToken cancellationToken)
    {
        if (options.IdempotencyKey is not { } key)
        {
            return (null, null);
        }

        if (!IdempotencyClaim.IsValidKey(key))
        {
            throw MaasException.InvalidInput(
                $"the idempotency key must be 1 to {IdempotencyClaim.MaxKeyLength} printable ASCII characters without spaces");
        }

        // The alias is part of what was asked: the same bytes with another alias are a different push.
        var claim = new IdempotencyClaim(options.Caller, key, $"sha256:{blob.Sha256} alias:{options.Alias}");
        var earlier = await registry.FindClaimedVersionAsync(name, claim, cancellationToken);
        return (claim, earlier is null ? null : new PublishedVersion(Current(earlier), Replayed: true));
    }

    private async Task<(ModelVersionRecord Record, bool Replayed)> CommitAsync(NewModelVersion version, IdempotencyClaim? claim)
    {
        if (claim is null)
        {
            return (await registry.AddVersionAsync(version, CancellationToken.None), false);
        }

        var (record, replayed) = await registry.AddVersionOnceAsync(version, claim, CancellationToken.None);
        return (record, replayed);
    }

    /// <summary>The catalog's view (current aliases), or the record itself if a concurrent commit has not refreshed it yet.</summary>
    private ModelVersionRecord Current(ModelVersionRecord record) =>
        catalog.Find(record.Name)?.Versions.FirstOrDefault(v => v.Version == record.Version) ?? record;

    private static void EnsureDeclaredFormat(ArtifactFormat detected, ArtifactFormat? declared)
    {
        if (declared is { } expected && expected != detected)
        {
            throw MaasException.InvalidModel($"the artifact was declared as {Describe(expected)} but its first bytes are those of {Describe(detected)}");
        }
    }

    private static string Describe(ArtifactFormat format) => format switch
    {
        ArtifactFormat.Zip => "a zip archive",
        ArtifactFormat.TarGz => "a tar.gz archive",
        _ => "an ONNX file",
    };
}
