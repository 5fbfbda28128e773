namespace Maas.Tokenizers.Tests;

public sealed class LoadErrorTests
{
    [Theory]
    [InlineData("""{"type": "Precompiled", "precompiled_charsmap": "AAAA"}""", "normalizer 'Precompiled' is not supported")]
    [InlineData("""{"type": "Madeup"}""", "normalizer 'Madeup' is not supported")]
    public void FromJson_UnsupportedNormalizer_NamesIt(string normalizer, string message)
    {
        var error = Assert.Throws<TokenizerLoadException>(() => HfTokenizer.FromJson(TestJson.WordLevel(""" "[UNK]": 0 """, normalizer: normalizer)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_UnsupportedPreTokenizer_NamesIt()
    {
        var error = Assert.Throws<TokenizerLoadException>(() =>
            HfTokenizer.FromJson(TestJson.WordLevel(""" "[UNK]": 0 """, preTokenizer: """{"type": "UnicodeScripts"}""")));

        Assert.Contains("pre_tokenizer 'UnicodeScripts'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_BpeWithDropout_RefusesNamingDropout()
    {
        const string json = """{"model": {"type": "BPE", "dropout": 0.1, "vocab": {"a": 0}, "merges": []}}""";

        var error = Assert.Throws<TokenizerLoadException>(() => HfTokenizer.FromJson(json));

        Assert.Contains("dropout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_MergeWithUnknownToken_NamesTheMerge()
    {
        const string json = """{"model": {"type": "BPE", "vocab": {"a": 0}, "merges": ["a b"]}}""";

        var error = Assert.Throws<TokenizerLoadException>(() => HfTokenizer.FromJson(json));

        Assert.Contains("'a b'", error.Message, StringComparison.Ordinal);
    }
}
