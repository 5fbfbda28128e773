namespace Maas.Tokenizers.Tests.Models;

/// <summary>RoBERTa layout: ByteLevel(add_prefix_space) + BPE, RobertaProcessing with trim_offsets.</summary>
public sealed class RobertaStyleTests
{
    private const string Json = """
    {
      "version": "1.0",
      "added_tokens": [
        {"id": 0, "content": "<s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": true, "special": true},
        {"id": 2, "content": "</s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": true, "special": true},
        {"id": 9, "content": "<mask>", "single_word": false, "lstrip": true, "rstrip": false, "normalized": false, "special": true}
      ],
      "normalizer": null,
      "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true, "use_regex": true},
      "post_processor": {"type": "RobertaProcessing", "sep": ["</s>", 2], "cls": ["<s>", 0], "trim_offsets": true, "add_prefix_space": true},
      "decoder": {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true, "use_regex": true},
      "model": {
        "type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": "", "end_of_word_suffix": "",
        "fuse_unk": false, "byte_fallback": false,
        "vocab": {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3, "Ġ": 4, "h": 5, "i": 6, "Ġh": 7, "Ġhi": 8, "<mask>": 9},
        "merges": ["Ġ h", "Ġh i"]
      }
    }
    """;

    private static readonly HfTokenizer Tokenizer = HfTokenizer.FromJson(Json);

    [Fact]
    public void Encode_PrefixSpaceAndMerges_WrapsInClsSepWithTrimmedOffsets()
    {
        // " hi hi" (prefix space added) → "Ġhi" "Ġhi" → Ġ h → Ġh, Ġh i → Ġhi = 8, twice.
        var encoding = Tokenizer.Encode("hi hi");

        Assert.Equal([0, 8, 8, 2], encoding.Ids);
        // First token keeps its added prefix space (0,2) as HF does; the second drops the real space: (3,5).
        Assert.Equal([(0, 0), (0, 2), (3, 5), (0, 0)], encoding.Offsets);
        Assert.Equal([1, 0, 0, 1], encoding.SpecialTokensMask);
    }

    [Fact]
    public void EncodePair_Roberta_DoubleSeparatorAndAllTypeIdsZero()
    {
        var encoding = Tokenizer.EncodePair("hi", "hi");

        Assert.Equal([0, 8, 2, 2, 8, 2], encoding.Ids);
        Assert.All(encoding.TypeIds, t => Assert.Equal(0, t));
    }

    [Fact]
    public void Encode_LStripAddedToken_AbsorbsSpaceBefore()
    {
        // "<mask>" has lstrip: the space before it belongs to the token, so "hi" is not followed by a "Ġ".
        var encoding = Tokenizer.Encode("hi <mask>", addSpecialTokens: false);

        Assert.Equal([8, 9], encoding.Ids);
        Assert.Equal((2, 9), encoding.Offsets[1]);
    }

    [Fact]
    public void Decode_ByteLevel_RemovesNothingButSpecials()
    {
        Assert.Equal(" hi hi", Tokenizer.Decode([0, 8, 8, 2]));
    }
}
