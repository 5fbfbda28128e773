namespace Maas.Client;

/// <summary>One input or output of a model signature; <c>-1</c> in <see cref="Shape"/> marks a dynamic dimension.</summary>
public sealed record TensorInfo
{
    public required string Name { get; init; }

    /// <summary>KServe datatype name: FP32, INT64, BYTES, …</summary>
    public required string Datatype { get; init; }

    public IReadOnlyList<long> Shape { get; init; } = [];
}
