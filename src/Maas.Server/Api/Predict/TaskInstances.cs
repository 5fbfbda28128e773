using System.Globalization;
using System.Text.Json;
using Maas.Errors;
using Maas.Pipelines;
using Maas.Routing.Tasks;
using Maas.Server.Api.Tensors;

namespace Maas.Server.Api.Predict;

/// <summary>
/// Reads <c>:predict</c> instances for a task model: strings for text tasks, <c>{"b64": "..."}</c> for images, and the
/// optional <c>parameters</c> object (<c>top_k</c>, <c>dimensions</c>).
/// </summary>
internal static class TaskInstances
{
    /// <summary>
    /// Task models take strings and images; instances that are nested arrays or objects of input names still go to the
    /// model's raw tensors, so a client that prepares its own tensors keeps working.
    /// </summary>
    public static bool AreTaskInstances(string task, JsonElement instances)
    {
        if (!PipelineTasks.IsPipeline(task))
        {
            return false;
        }

        var first = instances[0];
        return first.ValueKind switch
        {
            JsonValueKind.Array => false,
            JsonValueKind.Object => first.TryGetProperty("b64", out _),
            _ => true,
        };
    }

    public static TaskCall Read(string task, JsonElement root, JsonElement instances)
    {
        var (topK, dimensions) = ReadParameters(root);
        if (PipelineTasks.IsImage(task))
        {
            var images = new List<ReadOnlyMemory<byte>>(instances.GetArrayLength());
            foreach (var instance in instances.EnumerateArray())
            {
                images.Add(Image(instance, images.Count, task));
            }

            return new TaskCall(null, images, "instances", topK, dimensions);
        }

        var texts = new List<string>(instances.GetArrayLength());
        foreach (var instance in instances.EnumerateArray())
        {
            texts.Add(instance.ValueKind == JsonValueKind.String
                ? instance.GetString()!
                : throw MaasException.InvalidInput(
                    $"instances[{texts.Count}] must be a string for a {task} model, not {JsonTensorReader.Kind(instance)}"));
        }

        return new TaskCall(texts, null, "instances", topK, dimensions);
    }

    private static byte[] Image(JsonElement instance, int index, string task)
    {
        if (instance.ValueKind != JsonValueKind.Object || !instance.TryGetProperty("b64", out var b64))
        {
            throw MaasException.InvalidInput(
                $"instances[{index}] must be {{\"b64\": \"<base64 image>\"}} for an {task} model, not {JsonTensorReader.Kind(instance)}");
        }

        if (b64.ValueKind != JsonValueKind.String)
        {
            throw MaasException.InvalidInput($"instances[{index}].b64 must be a base64 string, not {JsonTensorReader.Kind(b64)}");
        }

        return b64.TryGetBytesFromBase64(out var bytes)
            ? bytes
            : throw MaasException.InvalidInput($"instances[{index}].b64 is not valid base64");
    }

    private static (int? TopK, int? Dimensions) ReadParameters(JsonElement root)
    {
        if (!root.TryGetProperty("parameters", out var parameters) || parameters.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        if (parameters.ValueKind != JsonValueKind.Object)
        {
            throw MaasException.InvalidInput("'parameters' must be an object, e.g. {\"top_k\": 3}");
        }

        return (PositiveInt(parameters, "top_k"), PositiveInt(parameters, "dimensions"));
    }

    public static int? PositiveInt(JsonElement owner, string name) =>
        !owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number > 0 ? number
        : throw MaasException.InvalidInput($"parameter '{name}' must be a positive integer, not {value.GetRawText()}");

    public static int? PositiveInt(string? text, string name) =>
        string.IsNullOrEmpty(text) ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number
        : throw MaasException.InvalidInput($"field '{name}' must be a positive integer, not '{text}'");
}
