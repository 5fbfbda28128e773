namespace Maas.Tokenizers.Tests.Models;

/// <summary>Llama-3 layout: Split(tiktoken regex, Isolated) + ByteLevel(use_regex false), BPE with ignore_merges, BOS template.</summary>
public sealed class Llama3StyleBpeTests
{
    // Only two merges exist (h+e, l+l), so "hello" can never be built by merging; it is reachable only
    // because ignore_merges emits a pre-token that is itself in the vocabulary. "123" likewise.
    private const string Json = """
    {
      "version": "1.0",
      "added_tokens": [
        {"id": 19, "content": "<|begin_of_text|>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}
      ],
      "normalizer": null,
      "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
        {"type": "Split", "pattern": {"Regex": "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"}, "behavior": "Isolated", "invert": false},
        {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": false}
      ]},
      "post_processor": {"type": "Sequence", "processors": [
        {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": false, "use_regex": true},
        {"type": "TemplateProcessing",
         "single": [{"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
         "pair": [{"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                  {"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 1}}, {"Sequence": {"id": "B", "type_id": 1}}],
         "special_tokens": {"<|begin_of_text|>": {"id": "<|begin_of_text|>", "ids": [19], "tokens": ["<|begin_of_text|>"]}}}
      ]},
      "decoder": {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true, "use_regex": true},
      "model": {
        "type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": null, "end_of_word_suffix": null,
        "fuse_unk": false, "byte_fallback": false, "ignore_merges": true,
        "vocab": {"h": 0, "e": 1, "l": 2, "o": 3, "Ġ": 4, "he": 5, "ll": 6, "hello": 9,
                  "1": 10, "2": 11, "3": 12, "4": 13, "5": 14, "123": 15, "'": 16, "S": 17, "'S": 18},
        "merges": [["h", "e"], ["l", "l"]]
      }
    }
    """;

    private static readonly HfTokenizer Tokenizer = HfTokenizer.FromJson(Json);

    [Fact]
    public void Encode_WordsAndDigits_IgnoreMergesForWholeVocabWordsAndSplitsDigitsInThrees()
    {
        // Pre-tokens: "hello" | " hello" | " " | "123" | "45" (\p{N}{1,3}; the lone space before digits is \s+).
        // "hello" is in the vocab → 9. "Ġhello" is not → BPE: Ġ h e l l o → Ġ he ll o = 4 5 6 3.
        // "Ġ" → 4, "123" in vocab → 15, "45" not in vocab and no merge → 4, 5 = 13 14. BOS 19 first.
        var encoding = Tokenizer.Encode("hello hello 12345");

        Assert.Equal([19, 9, 4, 5, 6, 3, 4, 15, 13, 14], encoding.Ids);
        Assert.Equal(["<|begin_of_text|>", "hello", "Ġ", "he", "ll", "o", "Ġ", "123", "4", "5"], encoding.Tokens);
    }

    [Fact]
    public void Encode_UppercaseContraction_MatchesCaseInsensitiveGroup()
    {
        // (?i:'s) keeps "'S" together; a case-sensitive pattern would give "'" (16) and "S" (17).
        Assert.Equal([9, 18], Tokenizer.Encode("hello'S", addSpecialTokens: false).Ids);
    }

    [Fact]
    public void Encode_ByteLevelPieces_OffsetsPointIntoOriginalText()
    {
        var encoding = Tokenizer.Encode("hello hello", addSpecialTokens: false);

        Assert.Equal([(0, 5), (5, 6), (6, 8), (8, 10), (10, 11)], encoding.Offsets);
    }

    [Fact]
    public void EncodePair_Template_AddsBosBeforeEachSequenceWithTypeIds()
    {
        var encoding = Tokenizer.EncodePair("hello", "123");

        Assert.Equal([19, 9, 19, 15], encoding.Ids);
        Assert.Equal([0, 0, 1, 1], encoding.TypeIds);
        Assert.Equal([1, 0, 1, 0], encoding.SpecialTokensMask);
    }

    [Fact]
    public void Decode_WithAndWithoutSpecials_RestoresText()
    {
        var ids = Tokenizer.Encode("hello hello 12345").Ids;

        Assert.Equal("hello hello 12345", Tokenizer.Decode(ids));
        Assert.Equal("<|begin_of_text|>hello hello 12345", Tokenizer.Decode(ids, skipSpecialTokens: false));
    }
}
