namespace Maas.Tokenizers.Tests.Models;

/// <summary>T5 / XLM-R layout: Metaspace(always, split) + Unigram (Viterbi), "$A &lt;/s&gt;" template.</summary>
public sealed class UnigramTests
{
    private const string Json = """
    {
      "version": "1.0",
      "added_tokens": [
        {"id": 0, "content": "<unk>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
        {"id": 7, "content": "</s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}
      ],
      "normalizer": null,
      "pre_tokenizer": {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": true},
      "post_processor": {"type": "TemplateProcessing",
        "single": [{"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}],
        "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}],
        "special_tokens": {"</s>": {"id": "</s>", "ids": [7], "tokens": ["</s>"]}}},
      "decoder": {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": true},
      "model": {
        "type": "Unigram", "unk_id": 0, "byte_fallback": false,
        "vocab": [["<unk>", 0.0], ["▁", -2.0], ["▁a", -3.0], ["b", -4.0], ["ab", -2.5], ["▁ab", -6.0], ["a", -5.0], ["</s>", 0.0]]
      }
    }
    """;

    [Fact]
    public void Encode_CompetingSegmentations_ViterbiPicksHighestTotalScore()
    {
        // "▁ab": ▁+ab = -4.5 beats ▁a+b = -7, ▁ab = -6 and ▁+a+b = -11 → ids 1 4.
        // "▁zz": ▁ then two unknown chars, fused into one unk (0) whose token text is the surface "zz".
        var encoding = HfTokenizer.FromJson(Json).Encode("ab zz");

        Assert.Equal([1, 4, 1, 0, 7], encoding.Ids);
        Assert.Equal(["▁", "ab", "▁", "zz", "</s>"], encoding.Tokens);
        // The prepended '▁' aligns with the first char; the second one is the space itself.
        Assert.Equal([(0, 1), (0, 2), (2, 3), (3, 5), (0, 0)], encoding.Offsets);
    }

    [Fact]
    public void Encode_ByteFallback_UnknownCharBecomesByteTokens()
    {
        var json = Json.Replace("\"byte_fallback\": false", "\"byte_fallback\": true", StringComparison.Ordinal)
            .Replace("[\"</s>\", 0.0]]", "[\"</s>\", 0.0], [\"<0x7A>\", -10.0]]", StringComparison.Ordinal);

        // 'z' is not a piece; with byte_fallback the fused unk "zz" becomes <0x7A> <0x7A> (id 8).
        Assert.Equal([1, 8, 8], HfTokenizer.FromJson(json).Encode("zz", addSpecialTokens: false).Ids);
    }

    [Fact]
    public void Decode_MetaspaceDecoder_DropsFirstReplacementAndRestoresSpaces()
    {
        Assert.Equal("ab ab", HfTokenizer.FromJson(Json).Decode([1, 4, 1, 4, 7]));
    }
}
