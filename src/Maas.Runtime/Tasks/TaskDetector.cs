using System.Text.Json;
using Maas.Errors;
using Maas.Models;

namespace Maas.Runtime.Tasks;

/// <summary>
/// Decides at push time what a version is for, from <c>maas.json</c> (wins), the Hugging Face files in the folder
/// (<c>config.json</c> architectures, <c>id2label</c>, tokenizer and preprocessor files) and the ONNX signature.
/// Anything unrecognised is a plain <c>tensor</c> model: raw tensors in and out, which always works.
/// </summary>
public static class TaskDetector
{
    public static string Detect(string modelPath, ModelSignature signature)
    {
        if (!Directory.Exists(modelPath))
        {
            return TaskNames.Tensor;
        }

        using var maas = ReadJson(modelPath, "maas.json");
        var maasLabels = maas?.RootElement.ValueKind == JsonValueKind.Object && maas.RootElement.TryGetProperty("labels", out _);
        if (maas?.RootElement.ValueKind == JsonValueKind.Object && maas.RootElement.TryGetProperty("task", out var declared))
        {
            var task = declared.ValueKind == JsonValueKind.String ? declared.GetString()! : "";
            return TaskNames.All.Contains(task)
                ? task
                : throw MaasException.InvalidModel($"maas.json: task '{task}' is not one of {string.Join(", ", TaskNames.All)}");
        }

        if (signature.Inputs.Any(i => i.Name.StartsWith("past_key_values", StringComparison.Ordinal)))
        {
            return TaskNames.TextGeneration;
        }

        using var config = ReadJson(modelPath, "config.json");
        var architectures = Architectures(config);
        // Labels named in maas.json count as much as config.json's id2label (multi-label is decided by the pipeline).
        var hasLabels = maasLabels
            || (config?.RootElement.ValueKind == JsonValueKind.Object && config.RootElement.TryGetProperty("id2label", out _));
        var hasTokenizer = File.Exists(Path.Combine(modelPath, "tokenizer.json"));

        if (File.Exists(Path.Combine(modelPath, "preprocessor_config.json"))
            && signature.Inputs.Count == 1 && signature.Inputs[0].Shape.Length == 4 && hasLabels)
        {
            return TaskNames.ImageClassification;
        }

        if (!hasTokenizer)
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

    private static string[] Architectures(JsonDocument? config) =>
        config?.RootElement.ValueKind == JsonValueKind.Object
        && config.RootElement.TryGetProperty("architectures", out var list)
        && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!).ToArray()
            : [];

    private static JsonDocument? ReadJson(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            throw MaasException.InvalidModel($"{file} is not valid JSON: {ex.Message}");
        }
    }
}
