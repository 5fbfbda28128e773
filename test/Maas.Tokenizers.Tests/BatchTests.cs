using Maas.Tokenizers.Tests.Fixtures;

namespace Maas.Tokenizers.Tests;

public sealed class BatchTests
{
    [Fact]
    public void EncodeBatch_ThousandTexts_EachEqualsSingleEncode()
    {
        var tokenizer = Expected.Tokenizer("bert-tiny-sentiment");
        var texts = Enumerable.Range(0, 1000).Select(i => $"Review {i}: the food was good but the service was awful!").ToList();

        var batch = tokenizer.EncodeBatch(texts);

        Assert.Equal(1000, batch.Count);
        Assert.Equal(tokenizer.Encode(texts[999]).Ids, batch[999].Ids);
        Assert.All(batch, e => Assert.Equal(e.Ids.Length, e.Offsets.Length));
    }
}
