namespace Maas.Tokenizers.Tests.Normalizers;

public sealed class NormalizerTests
{
    [Fact]
    public void Encode_Nfkc_FoldsCompatibilityCharsAndKeepsOriginalOffsets()
    {
        // NFKC: the ligature "ﬁ" → "fi", "①" → "1", "e"+U+0301 → "é". Every output char points back to the
        // char(s) it came from, so "fine" spans the 3 original chars and "café" the 5.
        var tokenizer = HfTokenizer.FromJson(TestJson.WordLevel(
            """ "[UNK]": 0, "fine": 1, "1": 2, "café": 3 """,
            normalizer: """{"type": "NFKC"}"""));

        var encoding = tokenizer.Encode("ﬁne ① cafe\u0301");

        Assert.Equal([1, 2, 3], encoding.Ids);
        Assert.Equal([(0, 3), (4, 5), (6, 11)], encoding.Offsets);
    }

    [Fact]
    public void Encode_NfdStripAccentsLowercaseSequence_RemovesAccentsAndCase()
    {
        var tokenizer = HfTokenizer.FromJson(TestJson.WordLevel(
            """ "[UNK]": 0, "creme": 1, "brulee": 2 """,
            normalizer: """{"type": "Sequence", "normalizers": [{"type": "NFD"}, {"type": "StripAccents"}, {"type": "Lowercase"}]}"""));

        Assert.Equal([1, 2], tokenizer.Encode("Crème BRÛLÉE").Ids);
    }

    [Fact]
    public void Encode_NfcOnDecomposedInput_ComposesBeforeLookup()
    {
        var tokenizer = HfTokenizer.FromJson(TestJson.WordLevel(""" "[UNK]": 0, "é": 1, "한": 2 """, normalizer: """{"type": "NFC"}"""));

        // e + combining acute, and the Hangul syllable spelled as three conjoining jamo.
        Assert.Equal([1, 2], tokenizer.Encode("e\u0301 \u1112\u1161\u11AB").Ids);
    }

    [Fact]
    public void Encode_BertNormalizer_CleansControlsSpacesChineseAndAccents()
    {
        var tokenizer = HfTokenizer.FromJson(TestJson.WordLevel(
            """ "[UNK]": 0, "cafe": 1, "中": 2, "文": 3 """,
            normalizer: """{"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true, "strip_accents": null, "lowercase": true}"""));

        // The control char \u0007 vanishes, the tab becomes a space, each ideograph gets spaces around it; É loses its accent.
        var encoding = tokenizer.Encode("CAF\u00C9\u0007\t中文");

        Assert.Equal([1, 2, 3], encoding.Ids);
        Assert.Equal([(0, 4), (6, 7), (7, 8)], encoding.Offsets);
    }

    [Fact]
    public void Encode_ReplaceAndPrepend_LegacyLlamaNormalizer()
    {
        // Legacy Llama-2 normalizer: Prepend("▁") then Replace(" ", "▁"), and no pre-tokenizer.
        var tokenizer = HfTokenizer.FromJson(TestJson.WordLevel(
            """ "[UNK]": 0, "▁a▁b": 1 """,
            normalizer: """{"type": "Sequence", "normalizers": [{"type": "Prepend", "prepend": "▁"}, {"type": "Replace", "pattern": {"String": " "}, "content": "▁"}]}""",
            preTokenizer: "null"));

        var encoding = tokenizer.Encode("a b");

        Assert.Equal([1], encoding.Ids);
        Assert.Equal((0, 3), encoding.Offsets[0]);
    }

    [Fact]
    public void Encode_RegexReplaceAndStrip_CollapsesRunsAndTrims()
    {
        var tokenizer = HfTokenizer.FromJson(TestJson.WordLevel(
            """ "[UNK]": 0, "a-b": 1 """,
            normalizer: """{"type": "Sequence", "normalizers": [{"type": "Strip", "strip_left": true, "strip_right": true}, {"type": "Replace", "pattern": {"Regex": "-+"}, "content": "-"}]}""",
            preTokenizer: "null"));

        Assert.Equal([1], tokenizer.Encode("  a---b ").Ids);
    }
}
