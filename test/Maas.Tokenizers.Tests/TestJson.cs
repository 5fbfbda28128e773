namespace Maas.Tokenizers.Tests;

/// <summary>Builds small WordLevel tokenizer.json files around the component under test.</summary>
internal static class TestJson
{
    /// <summary>A WordLevel model over <paramref name="vocab"/> ("token": id pairs) with the given components (JSON or null).</summary>
    public static string WordLevel(
        string vocab,
        string normalizer = "null",
        string preTokenizer = """{"type": "WhitespaceSplit"}""",
        string postProcessor = "null",
        string addedTokens = "[]") => $$"""
    {
      "version": "1.0",
      "added_tokens": {{addedTokens}},
      "normalizer": {{normalizer}},
      "pre_tokenizer": {{preTokenizer}},
      "post_processor": {{postProcessor}},
      "decoder": null,
      "model": {{Model(vocab)}}
    }
    """;

    private static string Model(string vocab) => "{\"type\": \"WordLevel\", \"unk_token\": \"[UNK]\", \"vocab\": {" + vocab + "}}";
}
