using System.Text.Json;
using Maas.Errors;
using Maas.Inference;
using Maas.Models;
using Maas.Server.Api.Tensors;
using Maas.Tensors;

namespace Maas.Server.Api.Predict;

/// <summary>
/// Stacks row-format instances into batched input tensors: a nested array per instance for a single-input model,
/// an object of input names to nested arrays for a model with several inputs.
/// </summary>
internal static class InstanceBatcher
{
    public static InferenceRequest ToRequest(JsonElement instances, ModelSignature signature, long maxElements)
    {
        var count = instances.GetArrayLength();
        var tensors = new List<Tensor>(signature.Inputs.Count);
        foreach (var spec in signature.Inputs)
        {
            tensors.Add(Stack(instances, spec, signature.Inputs.Count == 1, count, maxElements));
        }

        return new InferenceRequest(tensors);
    }

    private static Tensor Stack(JsonElement instances, TensorSpec spec, bool single, int count, long maxElements)
    {
        long[]? instanceShape = null;
        var index = 0;
        foreach (var instance in instances.EnumerateArray())
        {
            var value = ValueFor(instance, spec, single, index);
            var shape = JsonTensorReader.InferShape(value)
                ?? throw MaasException.InvalidInput($"instances[{index}]: the value for input '{spec.Name}' is a ragged nested array");
            if (instanceShape is null)
            {
                instanceShape = shape;
            }
            else if (!shape.AsSpan().SequenceEqual(instanceShape))
            {
                throw MaasException.InvalidInput(
                    $"instances[{index}]: input '{spec.Name}' has shape {DataTypes.FormatShape(shape)} but instances[0] has {DataTypes.FormatShape(instanceShape)}; all instances must have the same shape");
            }

            index++;
        }

        long[] batchShape = [count, .. instanceShape!];
        if (!DataTypes.TryGetElementCount(batchShape, out var elements) || elements > maxElements)
        {
            throw MaasException.TooLarge($"input '{spec.Name}': the instances hold more than the limit of {maxElements} elements");
        }

        if (!spec.Accepts(batchShape))
        {
            var expected = spec.Shape.Length > 0 ? DataTypes.FormatShape(spec.Shape.AsSpan(1)) : "a scalar";
            throw MaasException.InvalidInput(
                $"input '{spec.Name}': each instance has shape {DataTypes.FormatShape(instanceShape)}; the model expects {expected} per instance (-1 = any size)");
        }

        var cursor = new JsonTensorReader.Cursor(spec.Name, spec.DataType, (int)elements.Value);
        foreach (var instance in instances.EnumerateArray())
        {
            JsonTensorReader.ReadNested(ValueFor(instance, spec, single, 0), instanceShape, 0, ref cursor);
        }

        return cursor.ToTensor(batchShape);
    }

    private static JsonElement ValueFor(JsonElement instance, TensorSpec spec, bool single, int index)
    {
        if (instance.ValueKind == JsonValueKind.Object)
        {
            return instance.TryGetProperty(spec.Name, out var value)
                ? value
                : throw MaasException.InvalidInput($"instances[{index}] has no value for input '{spec.Name}'");
        }

        return single
            ? instance
            : throw MaasException.InvalidInput(
                $"instances[{index}] must be an object naming each input ('{spec.Name}', ...) because the model has several inputs");
    }
}
