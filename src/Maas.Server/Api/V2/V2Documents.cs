using System.Text.Json.Serialization;
using Maas.Server.Api.Management;

namespace Maas.Server.Api.V2;

internal sealed record ServerMetadataDocument(string Name, string Version, IReadOnlyList<string> Extensions);

internal sealed record ModelMetadataDocument(
    string Name,
    IReadOnlyList<string> Versions,
    string Platform,
    IReadOnlyList<TensorDocument> Inputs,
    IReadOnlyList<TensorDocument> Outputs);

internal sealed record ModelReadyDocument(string Name, bool Ready);

internal sealed record RepositoryIndexEntry(string Name, string Version, string State, string Reason);

/// <summary>Triton's statistics extension, with the counts Maas keeps (no per-phase durations yet).</summary>
internal sealed record ModelStatsDocument(IReadOnlyList<ModelStats> ModelStats);

internal sealed record ModelStats(string Name, string Version, string State, long InferenceCount, long ExecutionCount, IReadOnlyList<BatchStats> BatchStats);

internal sealed record BatchStats(int BatchSize, StatDuration ComputeInfer);

internal sealed record StatDuration(long Count);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ServerMetadataDocument))]
[JsonSerializable(typeof(ModelMetadataDocument))]
[JsonSerializable(typeof(ModelReadyDocument))]
[JsonSerializable(typeof(RepositoryIndexEntry[]))]
[JsonSerializable(typeof(ModelStatsDocument))]
internal sealed partial class V2JsonContext : JsonSerializerContext;
