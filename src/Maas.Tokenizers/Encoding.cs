namespace Maas.Tokenizers;

/// <summary>
/// The result of encoding one text (or pair), aligned index by index. <see cref="Offsets"/> are [Start, End)
/// UTF-16 char indices (<c>string</c> indices) into the ORIGINAL text passed in — through normalization —
/// and (0, 0) for tokens the post-processor added; for a pair, the second sequence's offsets index the
/// second text. <see cref="SpecialTokensMask"/> is 1 for tokens the post-processor added.
/// </summary>
public sealed record Encoding(
    int[] Ids,
    int[] TypeIds,
    int[] AttentionMask,
    string[] Tokens,
    (int Start, int End)[] Offsets,
    int[] SpecialTokensMask)
{
    public int Length => Ids.Length;
}
