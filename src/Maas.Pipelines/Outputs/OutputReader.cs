using System.Runtime.InteropServices;
using Maas.Errors;
using Maas.Inference;
using Maas.Models;
using Maas.Tensors;

namespace Maas.Pipelines.Outputs;

/// <summary>Finds a pipeline's output in a response and reads it as float32, whatever float type the model emits.</summary>
internal static class OutputReader
{
    /// <summary>The output named <paramref name="preferred"/> (first match), else the model's first output.</summary>
    public static TensorSpec Choose(ModelSignature signature, params string[] preferred)
    {
        foreach (var name in preferred)
        {
            if (signature.FindOutput(name) is { } match)
            {
                return match;
            }
        }

        return signature.Outputs.Count > 0 ? signature.Outputs[0] : throw MaasException.InvalidModel("the model has no outputs");
    }

    public static void EnsureFloat(TensorSpec output)
    {
        if (output.DataType is not (TensorDataType.Fp32 or TensorDataType.Fp16 or TensorDataType.Fp64))
        {
            throw MaasException.InvalidModel(
                $"output '{output.Name}' is {output.DataType.ToKServeName()}; a pipeline needs FP32, FP16 or FP64 scores");
        }
    }

    public static Tensor Find(InferenceResponse response, string name) =>
        response.Outputs.FirstOrDefault(o => o.Name == name)
        ?? throw new InvalidOperationException($"the engine returned no output '{name}'");

    /// <summary>The values as float32: a view for FP32 (valid until the response is disposed), a copy otherwise.</summary>
    public static ReadOnlySpan<float> Floats(Tensor tensor) => tensor.DataType switch
    {
        TensorDataType.Fp32 => MemoryMarshal.Cast<byte, float>(tensor.Data.Span),
        TensorDataType.Fp16 => Convert(MemoryMarshal.Cast<byte, Half>(tensor.Data.Span), h => (float)h),
        TensorDataType.Fp64 => Convert(MemoryMarshal.Cast<byte, double>(tensor.Data.Span), d => (float)d),
        _ => throw new InvalidOperationException($"output '{tensor.Name}' is not a float tensor"),
    };

    private static float[] Convert<T>(ReadOnlySpan<T> values, Func<T, float> convert)
    {
        var result = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = convert(values[i]);
        }

        return result;
    }
}
