namespace Maas.Pipelines.Embeddings;

/// <summary>One vector per input text, and the tokens the texts took (special tokens included, after truncation).</summary>
public sealed record EmbeddingResult(IReadOnlyList<float[]> Vectors, int PromptTokens);
