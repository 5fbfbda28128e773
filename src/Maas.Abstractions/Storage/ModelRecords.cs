using Maas.Models;

namespace Maas.Storage;

/// <summary>How an artifact was uploaded; decides how it is unpacked before loading.</summary>
public enum ArtifactFormat
{
    Onnx,
    Zip,
    TarGz,
}

/// <summary>Everything the registry needs to commit a new version; the version number is assigned on commit.</summary>
public sealed record NewModelVersion(
    string Name,
    BlobInfo Blob,
    ArtifactFormat Format,
    string Task,
    string ModelFile,
    ModelSignature Signature,
    string? Alias);

/// <summary>An immutable, committed model version.</summary>
public sealed record ModelVersionRecord(
    string Name,
    int Version,
    string Sha256,
    long Size,
    ArtifactFormat Format,
    DateTimeOffset Created,
    string Task,
    string ModelFile,
    ModelSignature Signature,
    IReadOnlyList<string> Aliases);

/// <summary>A model and all of its versions (ascending) and aliases.</summary>
public sealed record ModelRecord(
    string Name,
    DateTimeOffset Created,
    IReadOnlyList<ModelVersionRecord> Versions,
    IReadOnlyDictionary<string, int> Aliases);
