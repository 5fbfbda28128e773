using Maas.Models;
using Maas.Runtime.Manifests;

namespace Maas.Runtime.Tasks;

/// <summary>
/// Decides at push time what a version is for, from its manifest: <c>maas.json</c> <c>task</c> (wins), the Hugging
/// Face files in the folder (<c>config.json</c> architectures, <c>id2label</c>, tokenizer and preprocessor files) and
/// the ONNX signature. Anything unrecognised is a plain <c>tensor</c> model: raw tensors in and out, which always works.
/// </summary>
public static class TaskDetector
{
    /// <summary>Reads the folder's manifest and detects; for callers without one.</summary>
    public static string Detect(string modelPath, ModelSignature signature) =>
        Detect(modelPath, ManifestReader.Read(modelPath, locateModelFile: false), signature);

    public static string Detect(string modelPath, ModelManifest manifest, ModelSignature signature)
    {
        if (!Directory.Exists(modelPath))
        {
            return TaskNames.Tensor;
        }

        if (manifest.DeclaredTask is { } declared)
        {
            return declared;
        }

        if (signature.Inputs.Any(i => i.Name.StartsWith("past_key_values", StringComparison.Ordinal)))
        {
            return TaskNames.TextGeneration;
        }

        var architectures = manifest.Architectures;

        // Labels named in maas.json count as much as config.json's id2label (multi-label is decided by the pipeline).
        var hasLabels = manifest.HasLabels;
        if (manifest.HasFile("preprocessor_config.json")
            && signature.Inputs.Count == 1 && signature.Inputs[0].Shape.Length == 4 && hasLabels)
        {
            return TaskNames.ImageClassification;
        }

        if (!manifest.HasFile("tokenizer.json"))
        {
            return TaskNames.Tensor;
        }

        if (architectures.Any(a => a.EndsWith("ForTokenClassification", StringComparison.Ordinal)))
        {
            return TaskNames.TokenClassification;
        }

        var logits = signature.FindOutput("logits");
        if (architectures.Any(a => a.EndsWith("ForSequenceClassification", StringComparison.Ordinal))
            || (hasLabels && logits is { Shape.Length: 2 }))
        {
            return TaskNames.TextClassification;
        }

        if (hasLabels && logits is { Shape.Length: 3 })
        {
            return TaskNames.TokenClassification;
        }

        return signature.Outputs.Any(o => o.Name is "last_hidden_state" or "sentence_embedding" or "token_embeddings")
            ? TaskNames.FeatureExtraction
            : TaskNames.Tensor;
    }
}
