using System.Text.Json.Serialization;
using Maas.Models;
using Maas.Runtime.Loading;
using Maas.Storage;
using Maas.Tensors;

namespace Maas.Server.Api.Management;

internal sealed record TensorDocument(string Name, string Datatype, long[] Shape)
{
    public static TensorDocument From(TensorSpec spec) => new(spec.Name, spec.DataType.ToKServeName(), spec.Shape);
}

/// <summary>The version document of API.md.</summary>
internal sealed record VersionDocument(
    string Name,
    int Version,
    string Sha256,
    long Size,
    string Format,
    DateTimeOffset Created,
    string Task,
    string Platform,
    string ModelFile,
    IReadOnlyList<TensorDocument> Inputs,
    IReadOnlyList<TensorDocument> Outputs,
    IReadOnlyList<string> Aliases,
    string State,
    string? Error,
    IReadOnlyList<int> SameContentAs,
    IReadOnlyList<string> Warnings)
{
    // sameContentAs: the other versions of the model whose artifact has the same sha256.
    public static VersionDocument From(ModelVersionRecord record, ModelStatus status, string platform, IReadOnlyList<int> sameContentAs) => new(
        record.Name,
        record.Version,
        record.Sha256,
        record.Size,
        record.Format switch { ArtifactFormat.Zip => "zip", ArtifactFormat.TarGz => "tar.gz", _ => "onnx" },
        record.Created,
        record.Task,
        platform,
        record.ModelFile,
        record.Signature.Inputs.Select(TensorDocument.From).ToArray(),
        record.Signature.Outputs.Select(TensorDocument.From).ToArray(),
        record.Aliases,
        status.StateName,
        status.Error,
        sameContentAs,
        record.Manifest?.Warnings ?? []);
}

internal sealed record ModelDocument(
    string Name,
    DateTimeOffset Created,
    IReadOnlyDictionary<string, int> Aliases,
    IReadOnlyList<VersionDocument> Versions);

internal sealed record ModelListDocument(IReadOnlyList<ModelDocument> Models);

internal sealed record AliasRequest(int? Version);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(VersionDocument))]
[JsonSerializable(typeof(ModelDocument))]
[JsonSerializable(typeof(ModelListDocument))]
[JsonSerializable(typeof(AliasRequest))]
internal sealed partial class ManagementJsonContext : JsonSerializerContext;
