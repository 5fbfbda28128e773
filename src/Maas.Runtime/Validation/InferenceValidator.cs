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
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in request.Inputs)
        {
            if (!seen.Add(input.Name))
            {
                throw MaasException.InvalidInput($"input '{input.Name}' is given more than once");
            }

            var spec = signature.FindInput(input.Name)
                ?? throw MaasException.InvalidInput(
                    $"unknown input '{input.Name}'; the model's inputs are {Describe(signature.Inputs)}");
            ValidateTensor(input, spec);
        }

        foreach (var spec in signature.Inputs)
        {
            if (!seen.Contains(spec.Name))
            {
                throw MaasException.InvalidInput($"missing input '{spec.Name}' ({Describe(spec)})");
            }
        }

        if (request.RequestedOutputs is { } outputs)
        {
            foreach (var name in outputs)
            {
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

    public static string Describe(TensorSpec spec) => $"{spec.DataType.ToKServeName()} {DataTypes.FormatShape(spec.Shape)}";

    private static string Describe(IReadOnlyList<TensorSpec> specs) =>
        string.Join(", ", specs.Select(s => $"'{s.Name}' ({Describe(s)})"));
}
