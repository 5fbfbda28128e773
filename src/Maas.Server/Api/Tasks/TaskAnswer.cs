using Maas.Pipelines.Classification;
using Maas.Pipelines.Embeddings;
using Maas.Pipelines.TokenClassification;

namespace Maas.Server.Api.Tasks;

/// <summary>A pipeline's answer for a batch, whichever task produced it; exactly one property is set.</summary>
internal sealed record TaskAnswer(
    IReadOnlyList<ClassificationResult>? Classifications = null,
    IReadOnlyList<IReadOnlyList<Entity>>? Entities = null,
    EmbeddingResult? Embeddings = null);
