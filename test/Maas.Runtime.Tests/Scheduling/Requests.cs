using Maas.Inference;
using Maas.Tensors;

namespace Maas.Runtime.Tests.Scheduling;

internal static class Requests
{
    /// <summary>A request for the identity model whose every element is <paramref name="value"/>.</summary>
    public static InferenceRequest Filled(float value, long rows = 1, long columns = 2, IReadOnlyDictionary<string, object>? parameters = null)
    {
        var values = Enumerable.Repeat(value, (int)(rows * columns)).ToArray();
        return new InferenceRequest([Tensor.FromArray("x", TensorDataType.Fp32, [rows, columns], values)]) { Parameters = parameters };
    }

    public static float[] Values(InferenceResponse response) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(response.Outputs[0].Data.Span).ToArray();
}
