namespace Maas.Tokenizers.Tests.PreTokenizers;

public sealed class PreTokenizerTests
{
    private const string Vocab = """ "[UNK]": 0, "a": 1, "-": 2, "a-": 3, "-a": 4, "--": 5, "b": 6, "1": 7, "2": 8, "12": 9, "!": 10, "a!": 11 """;

    [Theory]
    // "a-b" / "a--b" split on "-" with each behavior; ids follow from the vocab above.
    [InlineData("Removed", false, "a--b", new[] { 1, 6 })]
    [InlineData("Isolated", false, "a--b", new[] { 1, 2, 2, 6 })]
    [InlineData("Contiguous", false, "a--b", new[] { 1, 5, 6 })]
    [InlineData("MergedWithPrevious", false, "a-b", new[] { 3, 6 })]
    [InlineData("MergedWithNext", false, "b-a", new[] { 6, 4 })]
    // invert: the non-delimiters become the matches; Removed then keeps only the "-" occurrences, each its own piece.
    [InlineData("Removed", true, "a--b", new[] { 2, 2 })]
    public void Encode_SplitBehaviors_MatchHfSemantics(string behavior, bool invert, string text, int[] expected)
    {
        var split = $$"""{"type": "Split", "pattern": {"String": "-"}, "behavior": "{{behavior}}", "invert": {{(invert ? "true" : "false")}}}""";
        var tokenizer = HfTokenizer.FromJson(TestJson.WordLevel(Vocab, preTokenizer: split));

        Assert.Equal(expected, tokenizer.Encode(text).Ids);
    }

    [Theory]
    [InlineData(true, new[] { 7, 8 })]
    [InlineData(false, new[] { 9 })]
    public void Encode_Digits_IndividualOrContiguous(bool individual, int[] expected)
    {
        var digits = $$"""{"type": "Digits", "individual_digits": {{(individual ? "true" : "false")}}}""";
        var tokenizer = HfTokenizer.FromJson(TestJson.WordLevel(Vocab, preTokenizer: digits));

        Assert.Equal(expected, tokenizer.Encode("12").Ids);
    }

    [Fact]
    public void Encode_WhitespaceAndPunctuation_SplitWordsFromSymbols()
    {
        var tokenizer = HfTokenizer.FromJson(TestJson.WordLevel(Vocab, preTokenizer: """{"type": "Whitespace"}"""));
        var punct = HfTokenizer.FromJson(TestJson.WordLevel(Vocab, preTokenizer: """{"type": "Punctuation", "behavior": "MergedWithPrevious"}"""));

        Assert.Equal([1, 10, 6], tokenizer.Encode("a! b").Ids);
        Assert.Equal([11], punct.Encode("a!").Ids);
    }

    [Fact]
    public void Encode_Gpt2Regex_KeepsTrailingSpaceRunSeparate()
    {
        // \s+(?!\S): of three spaces before "a", two form their own piece and the last joins " a".
        var tokenizer = HfTokenizer.FromJson(TestJson.WordLevel(
            """ "[UNK]": 0, "a": 1, "ĠĠ": 2, "Ġa": 3 """,
            preTokenizer: """{"type": "ByteLevel", "add_prefix_space": false, "use_regex": true}"""));

        Assert.Equal([1, 2, 3], tokenizer.Encode("a   a").Ids);
    }
}
