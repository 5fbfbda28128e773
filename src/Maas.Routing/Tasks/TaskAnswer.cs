using Maas.Pipelines.Classification;
using Maas.Pipelines.Embeddings;
using Maas.Pipelines.TokenClassification;

namespace Maas.Routing.Tasks;

/// <summary>A pipeline's answer for a batch, whichever task produced it; exactly one property is set.</summary>
public sealed record TaskAnswer(
    IReadOnlyList<ClassificationResult>? Classifications = null,
    IReadOnlyList<IReadOnlyList<Entity>>? Entities = null,
    EmbeddingResult? Embeddings = null);
