namespace Maas.Pipelines.TokenClassification;

/// <summary>
/// A run of tokens with one entity type, as transformers' token-classification pipeline returns it with
/// <c>aggregation_strategy="simple"</c>: the type without its B-/I- prefix, the mean token score, the decoded text and
/// the [start, end) character offsets into the input.
/// </summary>
public sealed record Entity(string EntityGroup, float Score, string Word, int Start, int End);
