namespace Maas.Tokenizers.PreTokenizers;

/// <summary>What happens to the delimiters a split finds (HF's SplitDelimiterBehavior).</summary>
internal enum SplitBehavior
{
    Removed,
    Isolated,
    MergedWithPrevious,
    MergedWithNext,
    Contiguous,
}
