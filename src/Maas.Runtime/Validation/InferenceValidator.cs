using Maas.Errors;
using Maas.Inference;
using Maas.Models;
using Maas.Tensors;

namespace Maas.Runtime.Validation;

/// <summary>
/// Checks a request against a model's signature before it reaches the engine, so every mistake a client can make
/// is answered with a 400 that names the input and what was expected, never with an engine error.
/// </summary>
public static class InferenceValidator
{
    public static void Validate(InferenceRequest request, ModelSignature signature)
    {
        // Index loops and pairwise name checks instead of a HashSet: requests carry a handful of inputs, and this
        // runs for every one of them.
        var inputs = request.Inputs;
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (IndexOf(inputs, input.Name, i) >= 0)
            {
                throw MaasException.InvalidInput($"input '{input.Name}' is given more than once");
            }

            var spec = signature.FindInput(input.Name)
                ?? throw MaasException.InvalidInput(
                    $"unknown input '{input.Name}'; the model's inputs are {Describe(signature.Inputs)}");
            ValidateTensor(input, spec);
        }

        for (var i = 0; i < signature.Inputs.Count; i++)
        {
            var spec = signature.Inputs[i];
            if (IndexOf(inputs, spec.Name, inputs.Count) < 0)
            {
                throw MaasException.InvalidInput($"missing input '{spec.Name}' ({Describe(spec)})");
            }
        }

        if (request.RequestedOutputs is { } outputs)
        {
            for (var i = 0; i < outputs.Count; i++)
            {
                var name = outputs[i];
                if (signature.FindOutput(name) is null)
                {
                    throw MaasException.InvalidInput(
                        $"unknown output '{name}' requested; the model's outputs are {Describe(signature.Outputs)}");
                }
            }
        }
    }

    private static void ValidateTensor(Tensor input, TensorSpec spec)
    {
        if (input.DataType != spec.DataType)
        {
            throw MaasException.InvalidInput(
                $"input '{input.Name}' has datatype {input.DataType.ToKServeName()}; the model expects {spec.DataType.ToKServeName()}");
        }

        if (!spec.Accepts(input.Shape))
        {
            throw MaasException.InvalidInput(
                $"input '{input.Name}' has shape {DataTypes.FormatShape(input.Shape)}; the model expects {DataTypes.FormatShape(spec.Shape)} (-1 = any size)");
        }

        if (!DataTypes.TryGetElementCount(input.Shape, out var count))
        {
            throw MaasException.InvalidInput($"input '{input.Name}' has an invalid shape {DataTypes.FormatShape(input.Shape)}");
        }

        var actual = input.DataType == TensorDataType.Bytes
            ? input.Strings!.Count
            : input.Data.Length / input.DataType.ElementSize();
        var exact = input.DataType == TensorDataType.Bytes || input.Data.Length % input.DataType.ElementSize() == 0;
        if (!exact || actual != count)
        {
            throw MaasException.InvalidInput(
                $"input '{input.Name}' has {actual} elements but shape {DataTypes.FormatShape(input.Shape)} needs {count}");
        }
    }

    /// <summary>The index of the first of <paramref name="inputs"/>[0..<paramref name="before"/>) with this name, or -1.</summary>
    private static int IndexOf(IReadOnlyList<Tensor> inputs, string name, int before)
    {
        for (var i = 0; i < before; i++)
        {
            if (string.Equals(inputs[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public static string Describe(TensorSpec spec) => $"{spec.DataType.ToKServeName()} {DataTypes.FormatShape(spec.Shape)}";

    private static string Describe(IReadOnlyList<TensorSpec> specs) =>
        string.Join(", ", specs.Select(s => $"'{s.Name}' ({Describe(s)})"));
}
