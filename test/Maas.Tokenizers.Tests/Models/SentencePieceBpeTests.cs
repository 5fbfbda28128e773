using System.Text;

namespace Maas.Tokenizers.Tests.Models;

/// <summary>Llama-2 / Mistral layout: Metaspace(prepend first, no split), BPE with byte_fallback and fuse_unk, SentencePiece decoders.</summary>
public sealed class SentencePieceBpeTests
{
    // Byte tokens exist only for 0xC3 and 0xA9 (the UTF-8 of 'é'); 'ü' (C3 BC) has no 0xBC token so it is unk.
    private const string Json = """
    {
      "version": "1.0",
      "added_tokens": [
        {"id": 0, "content": "<unk>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
        {"id": 1, "content": "<s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
        {"id": 2, "content": "</s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}
      ],
      "normalizer": null,
      "pre_tokenizer": {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "first", "split": false},
      "post_processor": {"type": "TemplateProcessing",
        "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
        "pair": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "<s>", "type_id": 1}}, {"Sequence": {"id": "B", "type_id": 1}}],
        "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}}},
      "decoder": {"type": "Sequence", "decoders": [
        {"type": "Replace", "pattern": {"String": "▁"}, "content": " "},
        {"type": "ByteFallback"},
        {"type": "Fuse"},
        {"type": "Strip", "content": " ", "start": 1, "stop": 0}
      ]},
      "model": {
        "type": "BPE", "dropout": null, "unk_token": "<unk>", "continuing_subword_prefix": null, "end_of_word_suffix": null,
        "fuse_unk": true, "byte_fallback": true, "ignore_merges": false,
        "vocab": {"<unk>": 0, "<s>": 1, "</s>": 2, "<0xC3>": 3, "<0xA9>": 4, "▁": 5, "h": 6, "i": 7, "▁h": 8, "▁hi": 9},
        "merges": ["▁ h", "▁h i"]
      }
    }
    """;

    private static readonly HfTokenizer Tokenizer = HfTokenizer.FromJson(Json);

    [Fact]
    public void Encode_UnknownCharWithByteTokens_FallsBackToBytes()
    {
        // "hi hé" → "▁hi▁hé" (prepend + spaces replaced, one piece). Symbols ▁ h i ▁ h <0xC3> <0xA9>;
        // merge "▁ h" (rank 0) at both places, then "▁h i" (rank 1): ▁hi ▁h <0xC3> <0xA9> = 9 8 3 4; BOS 1 first.
        var encoding = Tokenizer.Encode("hi hé");

        Assert.Equal([1, 9, 8, 3, 4], encoding.Ids);
        Assert.Equal([(4, 5), (4, 5)], encoding.Offsets[3..]); // both byte tokens point at "é"
    }

    [Fact]
    public void Encode_UnknownCharsWithoutByteTokens_FuseIntoOneUnk()
    {
        // "▁hüü": ▁ h, then two 'ü' without a 0xBC byte token → one fused <unk> (0) covering both.
        var encoding = Tokenizer.Encode("hüü", addSpecialTokens: false);

        Assert.Equal([8, 0], encoding.Ids);
        Assert.Equal((1, 3), encoding.Offsets[1]);
    }

    [Fact]
    public void Encode_TextAfterSpecialToken_PrependSchemeFirstDoesNotPrepend()
    {
        // "<s>" is cut out first; "hi" then starts at offset 3, not 0, so no '▁' is prepended: h i = 6 7.
        Assert.Equal([6, 7], Tokenizer.Encode("<s>hi", addSpecialTokens: false).Ids[1..]);
    }

    [Fact]
    public void Decode_ByteFallbackTokens_ReassembleUtf8AndStripLeadingSpace()
    {
        Assert.Equal("hi hé", Tokenizer.Decode([1, 9, 8, 3, 4]));
    }

    [Fact]
    public void StreamingDecoder_SplitUtf8Bytes_HoldsBackUntilCharacterIsComplete()
    {
        var stream = Tokenizer.CreateStreamingDecoder();
        var deltas = new[] { 9, 8, 3, 4 }.Select(stream.Append).ToList();

        // Leading space stripped only at the very start; 0xC3 alone is not text yet.
        Assert.Equal(["hi", " h", "", "é"], deltas);
        Assert.Equal("", stream.Flush());
    }

    [Fact]
    public void StreamingDecoder_Flush_ReturnsHeldBackIncompleteBytes()
    {
        var stream = Tokenizer.CreateStreamingDecoder();
        var text = new StringBuilder(stream.Append(9)).Append(stream.Append(3));

        Assert.Equal("hi", text.ToString());
        Assert.Equal("\uFFFD", stream.Flush());
    }
}
