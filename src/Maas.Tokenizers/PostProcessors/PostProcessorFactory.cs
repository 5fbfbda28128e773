using System.Text.Json;
using Maas.Tokenizers.Loading;

namespace Maas.Tokenizers.PostProcessors;

internal static class PostProcessorFactory
{
    public static IPostProcessor? Create(JsonElement? json)
    {
        if (json is not { ValueKind: JsonValueKind.Object } element)
        {
            return null;
        }

        var type = element.TypeName("post_processor");
        return type switch
        {
            "TemplateProcessing" => CreateTemplate(element),
            "BertProcessing" => CreateBert(element),
            "RobertaProcessing" => CreateRoberta(element),
            "ByteLevel" => new OffsetTrimmer(element.GetBool("trim_offsets", true), element.GetBool("add_prefix_space", true)),
            "Sequence" => new SequenceProcessor(ReadSteps(element)),
            _ => throw new TokenizerLoadException($"post_processor '{type}' is not supported"),
        };
    }

    /// <summary>bos/eos wrapping built from tokenizer_config.json's add_bos_token/add_eos_token (Llama-style).</summary>
    public static TemplateProcessor BosEos((string Token, int Id)? bos, (string Token, int Id)? eos)
    {
        var specials = new Dictionary<string, (string[], int[])>();
        foreach (var token in new[] { bos, eos })
        {
            if (token is { } t)
            {
                specials[t.Token] = ([t.Token], [t.Id]);
            }
        }

        // single: [bos] $A [eos]; pair: [bos] $A [eos] [bos]:1 $B:1 [eos]:1 (what transformers' LlamaTokenizerFast builds).
        List<TemplatePiece> Wrap(string sequence, int typeId)
        {
            var pieces = new List<TemplatePiece>();
            if (bos is { } b)
            {
                pieces.Add(new TemplatePiece(false, b.Token, typeId));
            }

            pieces.Add(new TemplatePiece(true, sequence, typeId));
            if (eos is { } e)
            {
                pieces.Add(new TemplatePiece(false, e.Token, typeId));
            }

            return pieces;
        }

        var single = Wrap("A", 0);
        return new TemplateProcessor(single, [.. single, .. Wrap("B", 1)], specials);
    }

    private static TemplateProcessor CreateTemplate(JsonElement element)
    {
        var specials = new Dictionary<string, (string[], int[])>();
        if (element.Get("special_tokens") is { ValueKind: JsonValueKind.Object } map)
        {
            foreach (var entry in map.EnumerateObject())
            {
                var ids = entry.Value.Get("ids")?.EnumerateArray().Select(i => i.GetInt32()).ToArray() ?? [];
                var tokens = entry.Value.Get("tokens")?.EnumerateArray().Select(t => t.GetString() ?? "").ToArray() ?? [];
                if (ids.Length != tokens.Length)
                {
                    throw new TokenizerLoadException($"post_processor 'TemplateProcessing' special token '{entry.Name}' has {ids.Length} ids but {tokens.Length} tokens");
                }

                specials[entry.Value.GetString("id") ?? entry.Name] = (tokens, ids);
            }
        }

        return new TemplateProcessor(ReadTemplate(element, "single"), ReadTemplate(element, "pair"), specials);
    }

    private static List<TemplatePiece> ReadTemplate(JsonElement element, string name)
    {
        if (element.Get(name) is not { ValueKind: JsonValueKind.Array } array)
        {
            throw new TokenizerLoadException($"post_processor 'TemplateProcessing' \"{name}\" must be a list of pieces");
        }

        var pieces = new List<TemplatePiece>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.Get("Sequence") is { } sequence)
            {
                pieces.Add(new TemplatePiece(true, sequence.GetString("id") ?? "A", sequence.GetInt("type_id") ?? 0));
            }
            else if (item.Get("SpecialToken") is { } special)
            {
                pieces.Add(new TemplatePiece(false, special.GetString("id") ?? "", special.GetInt("type_id") ?? 0));
            }
            else
            {
                throw new TokenizerLoadException($"post_processor 'TemplateProcessing' piece {item.GetRawText()} is not supported");
            }
        }

        return pieces;
    }

    private static (string Token, int Id) ReadTokenPair(JsonElement element, string name, string processor) =>
        element.Get(name) is { ValueKind: JsonValueKind.Array } pair && pair.GetArrayLength() == 2
            ? (pair[0].GetString() ?? "", pair[1].GetInt32())
            : throw new TokenizerLoadException($"post_processor '{processor}' needs \"{name}\": [token, id]");

    private static TemplateProcessor CreateBert(JsonElement element)
    {
        var cls = ReadTokenPair(element, "cls", "BertProcessing");
        var sep = ReadTokenPair(element, "sep", "BertProcessing");
        var specials = new Dictionary<string, (string[], int[])>
        {
            [cls.Token] = ([cls.Token], [cls.Id]),
            [sep.Token] = ([sep.Token], [sep.Id]),
        };
        List<TemplatePiece> single = [new(false, cls.Token, 0), new(true, "A", 0), new(false, sep.Token, 0)];
        List<TemplatePiece> pair = [.. single, new(true, "B", 1), new(false, sep.Token, 1)];
        return new TemplateProcessor(single, pair, specials, typeIdsWithoutSpecials: false);
    }

    private static SequenceProcessor CreateRoberta(JsonElement element)
    {
        var cls = ReadTokenPair(element, "cls", "RobertaProcessing");
        var sep = ReadTokenPair(element, "sep", "RobertaProcessing");
        var specials = new Dictionary<string, (string[], int[])>
        {
            [cls.Token] = ([cls.Token], [cls.Id]),
            [sep.Token] = ([sep.Token], [sep.Id]),
        };

        // RoBERTa: <s> A </s> and <s> A </s> </s> B </s>, every type id 0.
        List<TemplatePiece> single = [new(false, cls.Token, 0), new(true, "A", 0), new(false, sep.Token, 0)];
        List<TemplatePiece> pair = [.. single, new(false, sep.Token, 0), new(true, "B", 0), new(false, sep.Token, 0)];
        return new SequenceProcessor(
        [
            new OffsetTrimmer(element.GetBool("trim_offsets", true), element.GetBool("add_prefix_space", true)),
            new TemplateProcessor(single, pair, specials),
        ]);
    }

    private static List<IPostProcessor> ReadSteps(JsonElement element)
    {
        var steps = new List<IPostProcessor>();
        if (element.Get("processors") is { ValueKind: JsonValueKind.Array } array)
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
