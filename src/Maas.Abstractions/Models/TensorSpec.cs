using Maas.Tensors;

namespace Maas.Models;

/// <summary>One input or output of a model's signature; -1 marks a dynamic dimension.</summary>
public sealed record TensorSpec(string Name, TensorDataType DataType, long[] Shape)
{
    /// <summary>True when the first dimension is dynamic, so requests can be concatenated along it.</summary>
    public bool HasDynamicBatch => Shape.Length > 0 && Shape[0] < 0;

    /// <summary>Whether a concrete shape fits this spec: same rank, and equal wherever the spec is fixed.</summary>
    public bool Accepts(ReadOnlySpan<long> shape)
    {
        if (shape.Length != Shape.Length)
        {
            return false;
        }

        for (var i = 0; i < shape.Length; i++)
        {
            if (Shape[i] >= 0 && Shape[i] != shape[i])
            {
                return false;
            }
        }

        return true;
    }
}
