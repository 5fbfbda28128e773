namespace Maas.Tokenizers.Tests.Fixtures;

public sealed class BertSentimentFixtureTests
{
    private static readonly HfTokenizer Tokenizer = Expected.Tokenizer("bert-tiny-sentiment");

    [Fact]
    public void Encode_ClassificationSentences_MatchExpectedIdsTokensTypesAndMask()
    {
        foreach (var item in Expected.Load("bert-tiny-sentiment").GetProperty("classification").EnumerateArray())
        {
            var encoding = Tokenizer.Encode(item.GetProperty("text").GetString()!);

            Assert.Equal(item.GetProperty("tokens").Strings(), encoding.Tokens);
            Assert.Equal(item.GetProperty("input_ids").Ints(), encoding.Ids);
            Assert.Equal(item.GetProperty("token_type_ids").Ints(), encoding.TypeIds);
            Assert.Equal(item.GetProperty("attention_mask").Ints(), encoding.AttentionMask);
        }
    }

    [Fact]
    public void EncodePair_PairEncoding_MatchesExpectedWithSecondSegmentTypeOne()
    {
        var pair = Expected.Load("bert-tiny-sentiment").GetProperty("pair_encoding");

        var encoding = Tokenizer.EncodePair(pair.GetProperty("text").GetString()!, pair.GetProperty("text_pair").GetString()!);

        Assert.Equal(pair.GetProperty("tokens").Strings(), encoding.Tokens);
        Assert.Equal(pair.GetProperty("input_ids").Ints(), encoding.Ids);
        Assert.Equal(pair.GetProperty("token_type_ids").Ints(), encoding.TypeIds);
        Assert.Equal(pair.GetProperty("attention_mask").Ints(), encoding.AttentionMask);
    }

    [Fact]
    public void Encode_EmbeddingSentences_MatchExpectedIds()
    {
        foreach (var item in Expected.Load("bert-tiny-sentiment").GetProperty("embeddings").GetProperty("sentences").EnumerateArray())
        {
            Assert.Equal(item.GetProperty("input_ids").Ints(), Tokenizer.Encode(item.GetProperty("text").GetString()!).Ids);
        }
    }

    [Fact]
    public void Properties_FromTokenizerConfig_ExposeMaxLengthPadAndSpecials()
    {
        Assert.Equal(64, Tokenizer.ModelMaxLength);
        Assert.Equal(Tokenizer.TokenToId("[PAD]"), Tokenizer.PadTokenId);
        Assert.Contains(Tokenizer.TokenToId("[CLS]")!.Value, Tokenizer.SpecialTokenIds);
        Assert.Equal("[UNK]", Tokenizer.Config["unk_token"]);
    }

    [Fact]
    public void Decode_EncodedSentence_JoinsWordPiecesAndCleansPunctuation()
    {
        var encoding = Tokenizer.Encode("What a wonderful, touching film.");

        Assert.Equal("what a wonderful, touching film.", Tokenizer.Decode(encoding.Ids));
    }

    [Fact]
    public void Encode_WithMaxLength_KeepsClsAndSepAroundTruncatedContent()
    {
        var full = Tokenizer.Encode("The acting was dull and the plot was boring.");

        var truncated = Tokenizer.Encode("The acting was dull and the plot was boring.", addSpecialTokens: true, maxLength: 5);

        Assert.Equal([.. full.Ids[..4], full.Ids[^1]], truncated.Ids);
        Assert.Equal([1, 0, 0, 0, 1], truncated.SpecialTokensMask);
    }

    [Fact]
    public void Pad_TwoSentences_RightPadsWithPadIdAndZeroMask()
    {
        var encodings = Tokenizer.EncodeBatch(["I love this movie!", "This was terrible."]);

        var batch = HfTokenizer.Pad(encodings, Tokenizer.PadTokenId!.Value);

        Assert.Equal(encodings[0].Length, batch.SequenceLength);
        var row1 = batch.InputIds[batch.SequenceLength..];
        Assert.Equal(encodings[1].Ids.Select(i => (long)i), row1[..encodings[1].Length]);
        Assert.All(row1[encodings[1].Length..], id => Assert.Equal(Tokenizer.PadTokenId!.Value, id));
        Assert.All(batch.AttentionMask[(batch.SequenceLength + encodings[1].Length)..], m => Assert.Equal(0, m));
    }
}
