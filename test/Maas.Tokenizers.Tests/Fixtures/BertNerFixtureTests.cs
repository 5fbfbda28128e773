namespace Maas.Tokenizers.Tests.Fixtures;

public sealed class BertNerFixtureTests
{
    [Fact]
    public void Encode_NerSentences_MatchExpectedIdsTokensAndOriginalOffsets()
    {
        var tokenizer = Expected.Tokenizer("bert-tiny-ner");
        foreach (var item in Expected.Load("bert-tiny-ner").GetProperty("results").EnumerateArray())
        {
            var text = item.GetProperty("text").GetString()!;

            var encoding = tokenizer.Encode(text);

            Assert.Equal(item.GetProperty("tokens").Strings(), encoding.Tokens);
            Assert.Equal(item.GetProperty("input_ids").Ints(), encoding.Ids);
            Assert.Equal(item.GetProperty("offsets").Offsets(), encoding.Offsets);
        }
    }
}
