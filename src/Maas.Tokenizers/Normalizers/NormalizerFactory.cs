using System.Text;
using System.Text.Json;
using Maas.Tokenizers.Loading;

namespace Maas.Tokenizers.Normalizers;

internal static class NormalizerFactory
{
    public static INormalizer? Create(JsonElement? json)
    {
        if (json is not { ValueKind: JsonValueKind.Object } element)
        {
            return null;
        }

        var type = element.TypeName("normalizer");
        return type switch
        {
            "BertNormalizer" => new BertNormalizer(
                element.GetBool("clean_text", true),
                element.GetBool("handle_chinese_chars", true),
                element.GetBoolOrNull("strip_accents"),
                element.GetBool("lowercase", true)),
            "Lowercase" => LowercaseNormalizer.Instance,
            "NFC" => new UnicodeFormNormalizer(NormalizationForm.FormC),
            "NFD" => new UnicodeFormNormalizer(NormalizationForm.FormD),
            "NFKC" => new UnicodeFormNormalizer(NormalizationForm.FormKC),
            "NFKD" => new UnicodeFormNormalizer(NormalizationForm.FormKD),
            "StripAccents" => StripAccentsNormalizer.Instance,
            "Strip" => new StripNormalizer(element.GetBool("strip_left", true), element.GetBool("strip_right", true)),
            "Replace" => new ReplaceNormalizer(PatternReader.Read(element, "normalizer 'Replace'"), element.GetString("content") ?? ""),
            "Prepend" => new PrependNormalizer(element.GetString("prepend") ?? ""),
            "Nmt" => new NmtNormalizer(),
            "Sequence" => new SequenceNormalizer(ReadSteps(element)),
            // An empty charsmap is the identity; a real one needs SentencePiece's double-array trie.
            "Precompiled" when string.IsNullOrEmpty(element.GetString("precompiled_charsmap")) => new SequenceNormalizer([]),
            _ => throw new TokenizerLoadException($"normalizer '{type}' is not supported"),
        };
    }

    private static List<INormalizer> ReadSteps(JsonElement element)
    {
        var steps = new List<INormalizer>();
        if (element.Get("normalizers") is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (Create(item) is { } step)
                {
                    steps.Add(step);
                }
            }
        }

        return steps;
    }
}
