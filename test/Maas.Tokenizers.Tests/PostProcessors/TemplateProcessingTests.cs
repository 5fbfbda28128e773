namespace Maas.Tokenizers.Tests.PostProcessors;

public sealed class TemplateProcessingTests
{
    private const string Vocab = """ "[UNK]": 0, "[CLS]": 1, "[SEP]": 2, "a": 3, "b": 4, "c": 5, "d": 6 """;

    private const string Template = """
    {"type": "TemplateProcessing",
     "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
     "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
              {"Sequence": {"id": "B", "type_id": 1}}, {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
     "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [1], "tokens": ["[CLS]"]}, "[SEP]": {"id": "[SEP]", "ids": [2], "tokens": ["[SEP]"]}}}
    """;

    private static readonly HfTokenizer Tokenizer = HfTokenizer.FromJson(TestJson.WordLevel(Vocab, postProcessor: Template));

    [Fact]
    public void EncodePair_Template_PlacesSpecialsAndTypeIds()
    {
        var encoding = Tokenizer.EncodePair("a b", "c");

        Assert.Equal([1, 3, 4, 2, 5, 2], encoding.Ids);
        Assert.Equal([0, 0, 0, 0, 1, 1], encoding.TypeIds);
        Assert.Equal([1, 0, 0, 1, 0, 1], encoding.SpecialTokensMask);
        Assert.Equal((0, 1), encoding.Offsets[4]); // offsets of the second text index that text
    }

    [Fact]
    public void EncodePair_WithoutSpecialTokens_StillAppliesTemplateTypeIds()
    {
        var encoding = Tokenizer.EncodePair("a", "c", addSpecialTokens: false);

        Assert.Equal([3, 5], encoding.Ids);
        Assert.Equal([0, 1], encoding.TypeIds);
    }

    [Fact]
    public void EncodePair_WithMaxLength_TruncatesLongestFirstKeepingSpecials()
    {
        // 3 specials leave 4 content tokens for 4 + 2: the longer first text loses two.
        var encoding = Tokenizer.EncodePair("a b c d", "a b", addSpecialTokens: true, maxLength: 7);

        Assert.Equal([1, 3, 4, 2, 3, 4, 2], encoding.Ids);
    }

    [Fact]
    public void Encode_BertProcessing_WithoutSpecialsLeavesTypeIdsZero()
    {
        var tokenizer = HfTokenizer.FromJson(TestJson.WordLevel(Vocab, postProcessor: """{"type": "BertProcessing", "sep": ["[SEP]", 2], "cls": ["[CLS]", 1]}"""));

        Assert.Equal([1, 3, 2, 5, 2], tokenizer.EncodePair("a", "c").Ids);
        Assert.Equal([0, 0, 0, 1, 1], tokenizer.EncodePair("a", "c").TypeIds);
        Assert.Equal([0, 0], tokenizer.EncodePair("a", "c", addSpecialTokens: false).TypeIds);
    }

    [Fact]
    public void Encode_ConfigAddBosAndEos_WrapsWhenPostProcessorAddsNothing()
    {
        var config = """{"add_bos_token": true, "add_eos_token": true, "bos_token": {"content": "[CLS]"}, "eos_token": "[SEP]", "model_max_length": 1000000000000000019884624838656}""";

        var tokenizer = HfTokenizer.FromJson(TestJson.WordLevel(Vocab), config);

        Assert.Equal([1, 3, 2], tokenizer.Encode("a").Ids);
        Assert.Equal([3], tokenizer.Encode("a", addSpecialTokens: false).Ids);
        Assert.Null(tokenizer.ModelMaxLength); // the 1e30 "no limit" sentinel
    }
}
