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
    string? Alias)
{
    /// <summary>What the folder says about serving the version, read at push.</summary>
    public ModelManifest? Manifest { get; init; }
}

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
    IReadOnlyList<string> Aliases)
{
    /// <summary>
    /// What the folder says about serving the version, read once at push; null for versions pushed before manifests
    /// were stored, whose manifest is read from the folder when they load.
    /// </summary>
    public ModelManifest? Manifest { get; init; }
}

/// <summary>A model and all of its versions (ascending) and aliases.</summary>
public sealed record ModelRecord(
    string Name,
    DateTimeOffset Created,
    IReadOnlyList<ModelVersionRecord> Versions,
    IReadOnlyDictionary<string, int> Aliases);
