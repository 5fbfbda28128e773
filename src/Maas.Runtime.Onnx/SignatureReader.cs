using Maas.Errors;
using Maas.Models;
using Microsoft.ML.OnnxRuntime;

namespace Maas.Runtime.Onnx;

/// <summary>Reads a session's inputs and outputs, in graph order, as a <see cref="ModelSignature"/>.</summary>
internal static class SignatureReader
{
    public static ModelSignature Read(InferenceSession session, string displayName) =>
        new(
            Specs(session.InputNames, session.InputMetadata, "input", displayName),
            Specs(session.OutputNames, session.OutputMetadata, "output", displayName));

    private static TensorSpec[] Specs(
        IReadOnlyList<string> names, IReadOnlyDictionary<string, NodeMetadata> metadata, string role, string displayName)
    {
        var specs = new TensorSpec[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            var node = metadata[name];
            if (node.OnnxValueType != OnnxValueType.ONNX_TYPE_TENSOR)
            {
                throw MaasException.InvalidModel(
                    $"{displayName}: {role} '{name}' is a {Describe(node.OnnxValueType)}; only tensor inputs and outputs are served");
            }

            if (!OnnxTypeMap.TryToKServe(node.ElementDataType, out var dataType))
            {
                throw MaasException.InvalidModel(
                    $"{displayName}: {role} '{name}' has element type {node.ElementDataType}, which has no KServe datatype");
            }

            specs[i] = new TensorSpec(name, dataType, Array.ConvertAll(node.Dimensions, d => d < 0 ? -1L : d));
        }

        return specs;
    }

    private static string Describe(OnnxValueType type) => type switch
    {
        OnnxValueType.ONNX_TYPE_SEQUENCE => "sequence",
        OnnxValueType.ONNX_TYPE_MAP => "map",
        OnnxValueType.ONNX_TYPE_OPTIONAL => "optional",
        OnnxValueType.ONNX_TYPE_SPARSETENSOR => "sparse tensor",
        _ => type.ToString(),
    };
}
