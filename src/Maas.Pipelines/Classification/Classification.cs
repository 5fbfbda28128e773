namespace Maas.Pipelines.Classification;

/// <summary>One label and its probability.</summary>
public sealed record LabelScore(string Label, float Score);

/// <summary>
/// The answer for one text or image: the best label, its score, and the scores of every label (in label order), or
/// of the top k labels (best first) when a top_k was asked for.
/// </summary>
public sealed record ClassificationResult(string Label, float Score, IReadOnlyList<LabelScore> Scores);
