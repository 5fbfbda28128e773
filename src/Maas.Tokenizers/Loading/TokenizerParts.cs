using System.Text.Json;
using Maas.Tokenizers.AddedTokens;
using Maas.Tokenizers.Decoders;
using Maas.Tokenizers.Models;
using Maas.Tokenizers.Normalizers;
using Maas.Tokenizers.PostProcessors;
using Maas.Tokenizers.PreTokenizers;

namespace Maas.Tokenizers.Loading;

/// <summary>Every component of a tokenizer.json, built and checked, plus what tokenizer_config.json adds.</summary>
internal sealed record TokenizerParts(
    AddedVocabulary Added,
    INormalizer? Normalizer,
    IPreTokenizer? PreTokenizer,
    ITokenModel Model,
    IPostProcessor? PostProcessor,
    IDecoder? Decoder,
    TruncationSettings? Truncation,
    PaddingSettings? Padding,
    TokenizerConfig Config)
{
    public static TokenizerParts Parse(string tokenizerJson, string? tokenizerConfigJson)
    {
        using var document = ParseDocument(tokenizerJson, "tokenizer.json");
        var root = document.RootElement;
        var config = tokenizerConfigJson is null ? TokenizerConfig.Empty : ParseConfig(tokenizerConfigJson);
        var normalizer = NormalizerFactory.Create(root.Get("normalizer"));
        var model = ModelFactory.Create(root.Get("model"));
        var added = new AddedVocabulary(ReadAddedTokens(root), normalizer);
        var postProcessor = PostProcessorFactory.Create(root.Get("post_processor"));
        return new TokenizerParts(
            added,
            normalizer,
            PreTokenizerFactory.Create(root.Get("pre_tokenizer")),
            model,
            WithConfigBosEos(postProcessor, config, added, model),
            DecoderFactory.Create(root.Get("decoder")),
            ReadTruncation(root.Get("truncation")),
            ReadPadding(root.Get("padding")),
            config);
    }

    private static JsonDocument ParseDocument(string json, string what)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new TokenizerLoadException($"{what} is not valid JSON: {e.Message}", e);
        }
    }

    private static TokenizerConfig ParseConfig(string json)
    {
        try
        {
            return TokenizerConfig.Parse(json);
        }
        catch (JsonException e)
        {
            throw new TokenizerLoadException($"tokenizer_config.json is not valid JSON: {e.Message}", e);
        }
    }

    private static List<AddedToken> ReadAddedTokens(JsonElement root)
    {
        var tokens = new List<AddedToken>();
        if (root.Get("added_tokens") is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (var t in array.EnumerateArray())
            {
                var special = t.GetBool("special", false);
                tokens.Add(new AddedToken(
                    t.GetInt("id") ?? throw new TokenizerLoadException($"added token {t.GetRawText()} has no id"),
                    t.GetString("content") ?? "",
                    t.GetBool("single_word", false),
                    t.GetBool("lstrip", false),
                    t.GetBool("rstrip", false),
                    t.GetBool("normalized", !special),
                    special));
            }
        }

        return tokens;
    }

    /// <summary>
    /// Llama-style repositories may ship a tokenizer.json whose post-processor adds nothing and say
    /// <c>add_bos_token: true</c> in tokenizer_config.json instead; transformers then adds BOS/EOS itself.
    /// </summary>
    private static IPostProcessor? WithConfigBosEos(IPostProcessor? post, TokenizerConfig config, AddedVocabulary added, ITokenModel model)
    {
        if (post is not null && post.AddedTokens(isPair: false) > 0)
        {
            return post;
        }

        (string, int)? Resolve(bool? wanted, string key)
        {
            if (wanted != true || !config.Strings.TryGetValue(key, out var token))
            {
                return null;
            }

            if (added.TryGetId(token, out var id) || model.Vocabulary.TryGetId(token, out id))
            {
                return (token, id);
            }

            throw new TokenizerLoadException($"tokenizer_config.json {key} '{token}' is not in the vocabulary");
        }

        var bos = Resolve(config.AddBosToken, "bos_token");
        var eos = Resolve(config.AddEosToken, "eos_token");
        if (bos is null && eos is null)
        {
            return post;
        }

        var wrap = PostProcessorFactory.BosEos(bos, eos);
        return post is null ? wrap : new SequenceProcessor([post, wrap]);
    }

    private static TruncationSettings? ReadTruncation(JsonElement? json) =>
        json is { ValueKind: JsonValueKind.Object } t
            ? new TruncationSettings(
                t.GetInt("max_length") ?? 512,
                t.GetString("strategy") ?? "LongestFirst",
                t.GetInt("stride") ?? 0,
                string.Equals(t.GetString("direction"), "Left", StringComparison.OrdinalIgnoreCase))
            : null;

    private static PaddingSettings? ReadPadding(JsonElement? json)
    {
        if (json is not { ValueKind: JsonValueKind.Object } p)
        {
            return null;
        }

        int? fixedLength = p.Get("strategy") is { ValueKind: JsonValueKind.Object } strategy ? strategy.GetInt("Fixed") : null;
        return new PaddingSettings(
            p.GetInt("pad_id") ?? 0,
            p.GetString("pad_token") ?? "[PAD]",
            p.GetInt("pad_type_id") ?? 0,
            string.Equals(p.GetString("direction"), "Left", StringComparison.OrdinalIgnoreCase),
            fixedLength);
    }
}
