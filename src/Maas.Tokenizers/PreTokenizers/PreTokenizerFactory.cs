using System.Text.Json;
using Maas.Tokenizers.Loading;
using Maas.Tokenizers.Text;

namespace Maas.Tokenizers.PreTokenizers;

internal static class PreTokenizerFactory
{
    public static IPreTokenizer? Create(JsonElement? json)
    {
        if (json is not { ValueKind: JsonValueKind.Object } element)
        {
            return null;
        }

        var type = element.TypeName("pre_tokenizer");
        return type switch
        {
            "BertPreTokenizer" => new BertPreTokenizer(),
            "Whitespace" => RegexSplitPreTokenizer.Whitespace(),
            "WhitespaceSplit" => CharSplitPreTokenizer.WhitespaceSplit(),
            "ByteLevel" => new ByteLevelPreTokenizer(element.GetBool("add_prefix_space", true), element.GetBool("use_regex", true)),
            "Split" => new RegexSplitPreTokenizer(
                PatternReader.Read(element, "pre_tokenizer 'Split'"),
                ReadBehavior(element, SplitBehavior.Isolated),
                element.GetBool("invert", false)),
            "Metaspace" => new MetaspacePreTokenizer(element.GetChar("replacement", "\u2581")[0], ReadPrependScheme(element), element.GetBool("split", true)),
            "Punctuation" => new CharSplitPreTokenizer(CharClasses.IsBertPunctuation, ReadBehavior(element, SplitBehavior.Isolated)),
            "Digits" => new CharSplitPreTokenizer(
                CharClasses.IsNumeric,
                element.GetBool("individual_digits", false) ? SplitBehavior.Isolated : SplitBehavior.Contiguous),
            "Sequence" => new SequencePreTokenizer(ReadSteps(element)),
            _ => throw new TokenizerLoadException($"pre_tokenizer '{type}' is not supported"),
        };
    }

    internal static PrependScheme ReadPrependScheme(JsonElement element) => element.GetString("prepend_scheme") switch
    {
        "always" => PrependScheme.Always,
        "first" => PrependScheme.First,
        "never" => PrependScheme.Never,
        null => element.GetBool("add_prefix_space", true) ? PrependScheme.Always : PrependScheme.Never,
        var other => throw new TokenizerLoadException($"Metaspace prepend_scheme '{other}' is not supported"),
    };

    private static SplitBehavior ReadBehavior(JsonElement element, SplitBehavior fallback)
    {
        var name = element.GetString("behavior");
        if (name is null)
        {
            return fallback;
        }

        return Enum.TryParse<SplitBehavior>(name, ignoreCase: true, out var behavior)
            ? behavior
            : throw new TokenizerLoadException($"pre_tokenizer split behavior '{name}' is not supported");
    }

    private static List<IPreTokenizer> ReadSteps(JsonElement element)
    {
        var steps = new List<IPreTokenizer>();
        if (element.Get("pretokenizers") is { ValueKind: JsonValueKind.Array } array)
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
