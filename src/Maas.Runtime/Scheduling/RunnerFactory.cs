using Maas.Inference;
using Maas.Models;
using Maas.Runtime.Manifests;
using Microsoft.Extensions.Options;

namespace Maas.Runtime.Scheduling;

/// <summary>Opens the instances a version needs and puts the right runner in front of them.</summary>
public sealed class RunnerFactory(IModelBackend backend, IOptions<BatchingOptions> defaults, TimeProvider time)
{
    public BatchingOptions Defaults => defaults.Value;

    /// <summary>
    /// Builds a runner for the model at <paramref name="path"/>. <paramref name="opened"/> is a session already open
    /// (from validating an upload) that becomes the first instance. Batching settings come from
    /// <paramref name="manifest"/> (read from the folder when not given), then <paramref name="overrides"/>.
    /// </summary>
    public IInferenceRunner Create(
        string path, ModelLoadSettings settings, ILoadedModel? opened, IReadOnlyDictionary<string, object>? overrides = null, ModelManifest? manifest = null)
    {
        var options = ModelFolderConfig.Apply(defaults.Value, manifest ?? ManifestReader.Read(path, locateModelFile: false));
        if (overrides is not null)
        {
            options = ModelFolderConfig.Apply(options, overrides, "load parameters");
        }

        var instances = new List<ILoadedModel>(options.Instances);
        try
        {
            instances.Add(opened ?? backend.Load(path, settings));
            while (instances.Count < options.Instances)
            {
                instances.Add(backend.Load(path, settings));
            }
        }
        catch
        {
            // The caller still owns the session it passed in.
            foreach (var instance in instances.Where(i => !ReferenceEquals(i, opened)))
            {
                instance.Dispose();
            }

            throw;
        }

        return options.Enabled && IsBatchable(instances[0].Signature)
            ? new DynamicBatcher(instances, options, time)
            : new DirectRunner(instances);
    }

    /// <summary>Only a model whose every input and output has a dynamic first dimension can take stacked requests.</summary>
    public static bool IsBatchable(ModelSignature signature) =>
        signature.Inputs.Count > 0
        && signature.Inputs.All(i => i.HasDynamicBatch)
        && signature.Outputs.All(o => o.HasDynamicBatch);
}
