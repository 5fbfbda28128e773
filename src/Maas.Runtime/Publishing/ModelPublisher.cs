using System.Collections.Concurrent;
using Maas.Errors;
using Maas.Inference;
using Maas.Models;
using Maas.Registry.Artifacts;
using Maas.Runtime.Catalog;
using Maas.Runtime.Loading;
using Maas.Runtime.Manifests;
using Maas.Runtime.Tasks;
using Maas.Storage;

namespace Maas.Runtime.Publishing;

/// <summary>
/// Every change to the registry goes through here: push, alias, delete. An upload becomes visible only after its
/// artifact is stored, opened by the engine and committed in one transaction, so a crash or an invalid file never
/// leaves a half version behind.
/// </summary>
public sealed partial class ModelPublisher(
    IBlobStore blobs,
    IModelRegistry registry,
    ArtifactCache artifacts,
    IModelBackend backend,
    ModelCatalog catalog,
    ModelLoader loader,
    IEnumerable<ITaskServing> taskServings)
{
    // Blobs being uploaded right now must survive a concurrent delete of another version with the same content.
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);

    /// <summary>
    /// Stores <paramref name="content"/>, validates it and commits it as the next version (or, with an idempotency
    /// key already used for the same upload, returns the version that push created).
    /// </summary>
    public async Task<PublishedVersion> PublishAsync(string name, Stream content, PublishOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (alias, load, maxBytes) = (options.Alias, options.Load, options.MaxBytes);
        EnsureValidName(name);
        if (alias is not null)
        {
            EnsureValidAlias(alias);
        }

        var blob = await blobs.PutAsync(content, maxBytes, cancellationToken);
        if (blob.Size == 0)
        {
            await CollectIfUnusedAsync(blob.Sha256, CancellationToken.None);
            throw MaasException.InvalidModel("the uploaded artifact is empty");
        }

        _inFlight.AddOrUpdate(blob.Sha256, 1, (_, n) => n + 1);
        ILoadedModel? model = null;
        var committed = false;
        try
        {
            var claim = await FindClaimAsync(name, blob, options, cancellationToken);
            if (claim.Earlier is { } earlier)
            {
                return earlier;
            }

            var format = DetectFormat(blob.Sha256);
            EnsureDeclaredFormat(format, options.Format);
            var manifest = await Task.Run(() => ReadManifest(blob.Sha256, format), cancellationToken);
            model = await Task.Run(() => OpenForValidation(blob.Sha256, format, manifest), cancellationToken);
            var modelPath = artifacts.GetModelPath(blob.Sha256, format);
            manifest = manifest with { Task = TaskDetector.Detect(modelPath, manifest, model.Signature) };
            var (task, modelFile) = (manifest.Task, manifest.ModelFile);
            taskServings.FirstOrDefault(s => s.Serves(task))?.Validate(manifest, modelPath);
            var (record, replayed) = await CommitAsync(
                new NewModelVersion(name, blob, format, task, modelFile, model.Signature, alias) { Manifest = manifest }, claim.Claim);
            committed = true;
            if (replayed)
            {
                return new PublishedVersion(Current(record), Replayed: true);
            }

            await catalog.RefreshAsync(CancellationToken.None);
            if (load)
            {
                loader.Adopt(record, model);
                model = null;
            }

            return new PublishedVersion(catalog.GetVersion(record.Name, record.Version), Replayed: false);
        }
        finally
        {
            model?.Dispose();
            ReleaseInFlight(blob.Sha256);
            if (!committed)
            {
                await CollectIfUnusedAsync(blob.Sha256, CancellationToken.None);
            }
        }
    }

    public async Task<ModelVersionRecord> SetAliasAsync(string name, string alias, int version, CancellationToken cancellationToken)
    {
        EnsureValidAlias(alias);
        await registry.SetAliasAsync(name, alias, version, cancellationToken);
        await catalog.RefreshAsync(CancellationToken.None);
        return catalog.GetVersion(name, version);
    }

    public async Task DeleteAliasAsync(string name, string alias, CancellationToken cancellationToken)
    {
        catalog.Get(name);
        if (!await registry.DeleteAliasAsync(name, alias, cancellationToken))
        {
            throw MaasException.NotFound($"model '{name}' has no alias '{alias}'");
        }

        await catalog.RefreshAsync(CancellationToken.None);
    }

    public async Task DeleteVersionAsync(string name, int version, bool force, CancellationToken cancellationToken)
    {
        var deleted = await registry.DeleteVersionAsync(name, version, force, cancellationToken);
        await AfterDeleteAsync([deleted]);
    }

    public async Task DeleteModelAsync(string name, CancellationToken cancellationToken)
    {
        var deleted = await registry.DeleteModelAsync(name, cancellationToken);
        await AfterDeleteAsync(deleted);
    }

    private async Task AfterDeleteAsync(IReadOnlyList<ModelVersionRecord> deleted)
    {
        await catalog.RefreshAsync(CancellationToken.None);
        foreach (var version in deleted)
        {
            loader.Forget(version.Name, version.Version);
            await CollectIfUnusedAsync(version.Sha256, CancellationToken.None);
        }
    }

    /// <summary>The folder's manifest, read once here and stored with the version; its task is decided after opening.</summary>
    private ModelManifest ReadManifest(string sha256, ArtifactFormat format) =>
        ManifestReader.Read(artifacts.GetModelPath(sha256, format));

    private ILoadedModel OpenForValidation(string sha256, ArtifactFormat format, ModelManifest manifest)
    {
        try
        {
            return backend.Load(artifacts.GetModelPath(sha256, format), ManifestLoadSettings.For(manifest, format));
        }
        catch (MaasException ex) when (ex.Kind == ErrorKind.InvalidModel && format == ArtifactFormat.Onnx)
        {
            // A single file is stored under its hash; name it as the user knows it.
            throw MaasException.InvalidModel(ex.Message.Replace(sha256, "model.onnx", StringComparison.Ordinal), ex);
        }
    }

    private ArtifactFormat DetectFormat(string sha256)
    {
        Span<byte> head = stackalloc byte[8];
        using var stream = blobs.OpenRead(sha256);
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return ArtifactFormats.Detect(head[..read]);
    }

    private void ReleaseInFlight(string sha256)
    {
        if (_inFlight.AddOrUpdate(sha256, 0, (_, n) => n - 1) <= 0)
        {
            _inFlight.TryRemove(new KeyValuePair<string, int>(sha256, 0));
        }
    }

    private async Task CollectIfUnusedAsync(string sha256, CancellationToken cancellationToken)
    {
        if (_inFlight.ContainsKey(sha256))
        {
            return;
        }

        var referenced = await registry.ListReferencedBlobsAsync(cancellationToken);
        if (!referenced.Contains(sha256))
        {
            artifacts.Remove(sha256);
            blobs.Delete(sha256);
        }
    }

    private static void EnsureValidName(string name)
    {
        if (!ModelNames.IsValid(name))
        {
            throw MaasException.InvalidInput($"model name '{name}' is not valid; expected {ModelNames.Pattern}");
        }
    }

    private static void EnsureValidAlias(string alias)
    {
        if (!ModelNames.IsValid(alias))
        {
            throw MaasException.InvalidInput($"alias '{alias}' is not valid; expected {ModelNames.Pattern}");
        }

        if (alias == ModelNames.Latest)
        {
            throw MaasException.InvalidInput("alias 'latest' is implicit (always the highest version) and cannot be set");
        }
    }
}
