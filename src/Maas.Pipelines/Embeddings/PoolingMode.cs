namespace Maas.Pipelines.Embeddings;

/// <summary>How token vectors become one sentence vector.</summary>
public enum PoolingMode
{
    /// <summary>Mean of the token vectors where the attention mask is 1 (sentence-transformers' default).</summary>
    Mean,

    /// <summary>The first token's vector ([CLS]).</summary>
    Cls,
}
