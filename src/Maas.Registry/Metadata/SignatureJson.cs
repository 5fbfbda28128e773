using System.Text.Json;
using System.Text.Json.Serialization;
using Maas.Models;
using Maas.Tensors;

namespace Maas.Registry.Metadata;

/// <summary>
/// A signature as stored in <c>model_versions.signature_json</c>: KServe datatype names rather than enum numbers,
/// so the column stays readable and survives a reordering of <see cref="TensorDataType"/>.
/// </summary>
internal static class SignatureJson
{
    public static string Serialize(ModelSignature signature)
    {
        var document = new SignatureDocument(signature.Inputs.Select(ToDocument).ToList(), signature.Outputs.Select(ToDocument).ToList());
        return JsonSerializer.Serialize(document, SignatureJsonContext.Default.SignatureDocument);
    }

    public static ModelSignature Deserialize(string json)
    {
        var document = JsonSerializer.Deserialize(json, SignatureJsonContext.Default.SignatureDocument)
            ?? throw new InvalidDataException("a stored model signature is null");
        return new ModelSignature(document.Inputs.Select(FromDocument).ToList(), document.Outputs.Select(FromDocument).ToList());
    }

    private static TensorSpecDocument ToDocument(TensorSpec spec) => new(spec.Name, spec.DataType.ToKServeName(), spec.Shape);

    private static TensorSpec FromDocument(TensorSpecDocument document) =>
        DataTypes.TryParse(document.Datatype, out var type)
            ? new TensorSpec(document.Name, type, document.Shape)
            : throw new InvalidDataException($"unknown datatype '{document.Datatype}' in a stored signature");
}

internal sealed record SignatureDocument(List<TensorSpecDocument> Inputs, List<TensorSpecDocument> Outputs);

internal sealed record TensorSpecDocument(string Name, string Datatype, long[] Shape);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SignatureDocument))]
internal sealed partial class SignatureJsonContext : JsonSerializerContext;
