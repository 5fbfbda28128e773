using Maas.Inference;
using Maas.Models;
using Maas.Storage;

namespace Maas.Runtime.Manifests;

/// <summary>The engine settings a manifest implies, so the backend opens exactly the file (and options) chosen at push.</summary>
public static class ManifestLoadSettings
{
    public static ModelLoadSettings For(ModelManifest manifest, ArtifactFormat format)
    {
        ArgumentNullException.ThrowIfNull(manifest);

        // A single uploaded file is the model itself; the name is only how the user knows it.
        return format == ArtifactFormat.Onnx
            ? new ModelLoadSettings { Onnx = manifest.Onnx }
            : new ModelLoadSettings { ModelFile = manifest.ModelFile, Onnx = manifest.Onnx };
    }
}
