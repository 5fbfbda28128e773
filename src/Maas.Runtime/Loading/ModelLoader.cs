using System.Collections.Concurrent;
using Maas.Errors;
using Maas.Inference;
using Maas.Registry.Artifacts;
using Maas.Runtime.Manifests;
using Maas.Runtime.Scheduling;
using Maas.Runtime.Tasks;
using Maas.Storage;
using Microsoft.Extensions.Logging;

namespace Maas.Runtime.Loading;

/// <summary>
/// Owns the engine sessions of model versions: loads on demand or on request, unloads, and hands out leases.
/// A version that was explicitly unloaded stays unloaded (503) until it is loaded again, as in Triton.
/// </summary>
public sealed partial class ModelLoader(
    IModelBackend backend,
    RunnerFactory runners,
    ArtifactCache artifacts,
    IEnumerable<ITaskServing> taskServings,
    ILogger<ModelLoader> logger)
{
    private readonly ConcurrentDictionary<(string Name, int Version), VersionSlot> _slots = new();
    private readonly ITaskServing[] _taskServings = [.. taskServings];

    public string Platform => backend.Platform;

    /// <summary>The runner of a ready version, for tests and metrics; null when not loaded or when it has none.</summary>
    public IInferenceRunner? FindRunner(string name, int version) =>
        _slots.TryGetValue((name, version), out var slot) ? slot.Current?.Runner : null;

    public ModelStatus GetStatus(string name, int version) =>
        _slots.TryGetValue((name, version), out var slot) ? slot.Status : new ModelStatus(ModelState.Unloaded);

    /// <summary>Retry-After of an explicitly unloaded version: it comes back only when an operator loads it.</summary>
    public const int UnloadedRetryAfterSeconds = 30;

    /// <summary>Retry-After of a version that failed to load: it stays broken until replaced, so clients back off.</summary>
    public const int FailedRetryAfterSeconds = 60;

    /// <summary>Leases a ready session, loading it first if it was never loaded.</summary>
    public async ValueTask<ModelLease> AcquireAsync(ModelVersionRecord version, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd((version.Name, version.Version), _ => new VersionSlot());
        while (true)
        {
            var handle = slot.Current;
            if (handle is not null && handle.TryAcquire())
            {
                return new ModelLease(version, handle);
            }

            if (slot.ExplicitlyUnloaded)
            {
                throw MaasException.Unavailable(
                    $"model '{version.Name}' version {version.Version} is unloaded; load it with POST /v2/repository/models/{version.Name}/load",
                    UnloadedRetryAfterSeconds);
            }

            if (slot.Status is { State: ModelState.Failed, Error: var error })
            {
                // A broken artifact stays broken: answer at once instead of re-opening it on every request.
                throw MaasException.Unavailable($"model '{version.Name}' version {version.Version} failed to load: {error}", FailedRetryAfterSeconds);
            }

            await LoadCoreAsync(slot, version).WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Loads a version (explicit load clears a previous explicit unload) and waits until it is ready. Serving
    /// settings passed here (max_batch_size, instances, …) replace a loaded version's, so the version is reopened.
    /// </summary>
    public async Task LoadAsync(ModelVersionRecord version, IReadOnlyDictionary<string, object>? overrides, CancellationToken cancellationToken)
    {
        if (overrides is { Count: > 0 })
        {
            // Checked before anything is unloaded: a mistyped setting is the client's 400, and must neither take a
            // serving version down nor mark it failed (503 for everyone until it is reloaded).
            ModelFolderConfig.Apply(runners.Defaults, overrides, "load parameters");
            Unload(version.Name, version.Version, explicitly: false);
        }

        var slot = _slots.GetOrAdd((version.Name, version.Version), _ => new VersionSlot());
        lock (slot)
        {
            slot.ExplicitlyUnloaded = false;
            if (slot.Status.State == ModelState.Failed)
            {
                slot.Status = new ModelStatus(ModelState.Unloaded);
            }
        }

        if (slot.Current is null)
        {
            await LoadCoreAsync(slot, version, overrides).WaitAsync(cancellationToken);
        }
    }

    /// <summary>Takes over a session that was opened while validating an upload, so it is not opened twice.</summary>
    public void Adopt(ModelVersionRecord version, ILoadedModel model)
    {
        var handle = OpenHandle(version, model, overrides: null);
        var slot = _slots.GetOrAdd((version.Name, version.Version), _ => new VersionSlot());
        lock (slot)
        {
            var previous = slot.Current;
            slot.Current = handle;
            slot.Status = new ModelStatus(ModelState.Ready);
            slot.ExplicitlyUnloaded = false;
            previous?.Release();
        }
    }

    /// <summary>Unloads a version; running requests finish on their leases first.</summary>
    public void Unload(string name, int version, bool explicitly = true)
    {
        if (!_slots.TryGetValue((name, version), out var slot))
        {
            if (explicitly)
            {
                _slots.TryAdd((name, version), new VersionSlot { ExplicitlyUnloaded = true });
            }

            return;
        }

        lock (slot)
        {
            slot.ExplicitlyUnloaded = explicitly;
            var previous = slot.Current;
            slot.Current = null;
            slot.Status = new ModelStatus(ModelState.Unloaded);
            previous?.Release();
        }
    }

    /// <summary>Drops every trace of a deleted version.</summary>
    public void Forget(string name, int version)
    {
        Unload(name, version, explicitly: false);
        _slots.TryRemove((name, version), out _);
    }

    /// <summary>Unloads everything, for shutdown.</summary>
    public void UnloadAll()
    {
        foreach (var key in _slots.Keys)
        {
            Unload(key.Name, key.Version, explicitly: false);
        }
    }

    private Task LoadCoreAsync(VersionSlot slot, ModelVersionRecord version, IReadOnlyDictionary<string, object>? overrides = null)
    {
        lock (slot)
        {
            if (slot.Current is not null)
            {
                return Task.CompletedTask;
            }

            if (slot.Loading is { IsCompleted: false } running)
            {
                return running;
            }

            slot.Status = new ModelStatus(ModelState.Loading);
            slot.Loading = Task.Run(() => Open(slot, version, overrides));
            return slot.Loading;
        }
    }

    private void Open(VersionSlot slot, ModelVersionRecord version, IReadOnlyDictionary<string, object>? overrides)
    {
        try
        {
            var handle = OpenHandle(version, opened: null, overrides);
            lock (slot)
            {
                slot.Current = handle;
                slot.Status = new ModelStatus(ModelState.Ready);
            }

            LogLoaded(logger, version.Name, version.Version);
        }
        catch (Exception ex)
        {
            var message = ex is MaasException ? ex.Message : "the engine failed to load the model: " + ErrorText.Of(ex);
            lock (slot)
            {
                slot.Status = new ModelStatus(ModelState.Failed, message);
            }

            LogLoadFailed(logger, version.Name, version.Version, message);
            throw MaasException.Unavailable($"model '{version.Name}' version {version.Version} failed to load: {message}", FailedRetryAfterSeconds);
        }
    }

    /// <summary>Opens the tensor runner (unless the task brings its own engine) and the task's serving state.</summary>
    private ModelHandle OpenHandle(ModelVersionRecord version, ILoadedModel? opened, IReadOnlyDictionary<string, object>? overrides)
    {
        var path = artifacts.GetModelPath(version.Sha256, version.Format);
        var manifest = ManifestReader.ForVersion(version, path);
        version = version with { Manifest = manifest };
        var serving = Array.Find(_taskServings, s => s.Serves(version.Task));
        IInferenceRunner? runner = null;
        try
        {
            if (serving is null || serving.UsesTensorRunner)
            {
                runner = runners.Create(path, ManifestLoadSettings.For(manifest, version.Format), opened, overrides, manifest);
            }
            else
            {
                opened?.Dispose();
            }

            return new ModelHandle(runner, serving?.Open(version, path, runner));
        }
        catch
        {
            runner?.Dispose();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded model {Name} version {Version}")]
    private static partial void LogLoaded(ILogger logger, string name, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Name} version {Version} failed to load: {Reason}")]
    private static partial void LogLoadFailed(ILogger logger, string name, int version, string reason);

    private sealed class VersionSlot
    {
        public ModelHandle? Current { get; set; }

        public Task? Loading { get; set; }

        public ModelStatus Status { get; set; } = new(ModelState.Unloaded);

        public bool ExplicitlyUnloaded { get; set; }
    }
}
