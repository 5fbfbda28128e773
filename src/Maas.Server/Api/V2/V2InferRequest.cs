using Maas.Inference;

namespace Maas.Server.Api.V2;

/// <summary>A parsed KServe V2 infer call: the neutral request plus how the client wants outputs encoded.</summary>
internal sealed class V2InferRequest(InferenceRequest request, bool binaryByDefault, IReadOnlyDictionary<string, bool> binaryByOutput)
{
    /// <summary>For calls that asked for no binary output.</summary>
    public static IReadOnlyDictionary<string, bool> NoBinaryOutputs { get; } = new Dictionary<string, bool>();

    public InferenceRequest Request { get; } = request;

    /// <summary>Whether an output goes into the binary part of the response (Triton's binary tensor extension).</summary>
    public bool IsBinary(string output) => binaryByOutput.TryGetValue(output, out var binary) ? binary : binaryByDefault;
}
