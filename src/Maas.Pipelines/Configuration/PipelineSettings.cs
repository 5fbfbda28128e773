using Maas.Models;
using Maas.Pipelines.Embeddings;
using Maas.Runtime.Manifests;

namespace Maas.Pipelines.Configuration;

/// <summary>
/// What a pipeline takes from a version's manifest (read once at push): labels and problem type (maas.json over
/// config.json), pooling and normalization (maas.json over sentence-transformers' files), <c>max_length</c> and
/// <c>pad_to_multiple_of</c>.
/// </summary>
internal sealed record PipelineSettings
{
    /// <summary>Label names by class index; null when the folder names none.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Sigmoid per label (independent labels) instead of softmax across them.</summary>
    public bool MultiLabel { get; init; }

    public PoolingMode Pooling { get; init; } = PoolingMode.Mean;

    public bool Normalize { get; init; } = true;

    /// <summary><c>max_position_embeddings</c> of config.json or <c>max_length</c> of maas.json, whichever is smaller.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Sequence lengths are rounded up to this so concurrent requests share shapes (and batches).</summary>
    public int PadToMultipleOf { get; init; } = 8;

    /// <summary>Reads the folder's manifest first; for callers that have none (tests, tools).</summary>
    public static PipelineSettings Read(string folder) => From(ManifestReader.Read(folder, locateModelFile: false));

    public static PipelineSettings From(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var (maxPositions, maxLength) = (manifest.MaxPositionEmbeddings, manifest.MaxLength);
        return new PipelineSettings
        {
            Labels = manifest.Labels,
            MultiLabel = manifest.ProblemType == "multi_label_classification" || manifest.Labels is { Count: 1 },
            Pooling = manifest.Pooling == "cls" ? PoolingMode.Cls : PoolingMode.Mean,
            Normalize = manifest.Normalize ?? true,
            MaxLength = (maxPositions, maxLength) switch
            {
                ({ } a, { } b) => Math.Min(a, b),
                _ => maxPositions ?? maxLength,
            },
            PadToMultipleOf = manifest.PadToMultipleOf ?? 8,
        };
    }
}
