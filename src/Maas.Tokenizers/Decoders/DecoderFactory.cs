using System.Text.Json;
using Maas.Tokenizers.Loading;
using Maas.Tokenizers.PreTokenizers;

namespace Maas.Tokenizers.Decoders;

internal static class DecoderFactory
{
    public static IDecoder? Create(JsonElement? json)
    {
        if (json is not { ValueKind: JsonValueKind.Object } element)
        {
            return null;
        }

        var type = element.TypeName("decoder");
        return type switch
        {
            "ByteLevel" => new ByteLevelDecoder(),
            "WordPiece" => new WordPieceDecoder(element.GetString("prefix") ?? "##", element.GetBool("cleanup", true)),
            "Metaspace" => new MetaspaceDecoder(
                element.GetChar("replacement", "\u2581")[0],
                PreTokenizerFactory.ReadPrependScheme(element) != PrependScheme.Never),
            "BPEDecoder" => new BpeDecoder(element.GetString("suffix") ?? "</w>"),
            "ByteFallback" => new ByteFallbackDecoder(),
            "Fuse" => new FuseDecoder(),
            "Strip" => new StripDecoder(element.GetChar("content", " ")[0], element.GetInt("start") ?? 0, element.GetInt("stop") ?? 0),
            "Replace" => new ReplaceDecoder(PatternReader.Read(element, "decoder 'Replace'"), element.GetString("content") ?? ""),
            "Sequence" => new SequenceDecoder(ReadSteps(element)),
            _ => throw new TokenizerLoadException($"decoder '{type}' is not supported"),
        };
    }

    private static List<IDecoder> ReadSteps(JsonElement element)
    {
        var steps = new List<IDecoder>();
        if (element.Get("decoders") is { ValueKind: JsonValueKind.Array } array)
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
