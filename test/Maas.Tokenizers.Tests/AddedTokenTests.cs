namespace Maas.Tokenizers.Tests;

public sealed class AddedTokenTests
{
    private const string Vocab = """ "[UNK]": 0, "ab": 1, "abc": 2, "x": 3, "hello": 4 """;

    [Fact]
    public void Encode_SingleWordToken_MatchesOnlyStandaloneWord()
    {
        // "ab" (id 10) must not match inside "abc" or "xab".
        var tokenizer = HfTokenizer.FromJson(TestJson.WordLevel(Vocab, addedTokens:
            """[{"id": 10, "content": "ab", "single_word": true, "lstrip": false, "rstrip": false, "normalized": false, "special": false}]"""));

        Assert.Equal([10, 2, 0], tokenizer.Encode("ab abc xab").Ids);
    }

    [Fact]
    public void Encode_NormalizedToken_MatchesAfterNormalization()
    {
        // normalized: true → matched in lowercased text, so "HELLO" hits the added token 11, not the vocab word 4.
        var tokenizer = HfTokenizer.FromJson(TestJson.WordLevel(Vocab, normalizer: """{"type": "Lowercase"}""", addedTokens:
            """[{"id": 11, "content": "hello", "single_word": false, "lstrip": false, "rstrip": false, "normalized": true, "special": false}]"""));

        var encoding = tokenizer.Encode("xHELLOx");

        Assert.Equal([3, 11, 3], encoding.Ids);
        Assert.Equal((1, 6), encoding.Offsets[1]);
    }

    [Fact]
    public void Encode_LongestAddedTokenWinsAtSamePosition()
    {
        var tokenizer = HfTokenizer.FromJson(TestJson.WordLevel(Vocab, addedTokens: """
            [{"id": 12, "content": "<a>", "single_word": false, "lstrip": false, "rstrip": true, "normalized": false, "special": true},
             {"id": 13, "content": "<a><b>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}]
            """));

        Assert.Equal([13, 12, 3], tokenizer.Encode("<a><b><a>  x").Ids);
        Assert.Equal("x", tokenizer.Decode([13, 12, 3]));
    }
}
