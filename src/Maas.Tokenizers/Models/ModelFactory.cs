using System.Text.Json;
using Maas.Tokenizers.Loading;

namespace Maas.Tokenizers.Models;

internal static class ModelFactory
{
    public static ITokenModel Create(JsonElement? json)
    {
        if (json is not { ValueKind: JsonValueKind.Object } element)
        {
            throw new TokenizerLoadException("tokenizer.json has no \"model\"");
        }

        var type = element.GetString("type") ?? GuessType(element);
        return type switch
        {
            "BPE" => CreateBpe(element),
            "WordPiece" => new WordPieceModel(
                ReadVocab(element),
                element.GetString("unk_token") ?? "[UNK]",
                element.GetString("continuing_subword_prefix") ?? "##",
                element.GetInt("max_input_chars_per_word") ?? 100),
            "WordLevel" => new WordLevelModel(ReadVocab(element), element.GetString("unk_token")),
            "Unigram" => CreateUnigram(element),
            _ => throw new TokenizerLoadException($"model '{type}' is not supported"),
        };
    }

    // Old files omit the model type; the fields tell them apart the way the HF deserializer does.
    private static string GuessType(JsonElement element) =>
        element.Get("merges") is not null ? "BPE"
        : element.Get("continuing_subword_prefix") is not null ? "WordPiece"
        : element.Get("vocab") is { ValueKind: JsonValueKind.Array } ? "Unigram"
        : "WordLevel";

    private static Vocabulary ReadVocab(JsonElement element)
    {
        if (element.Get("vocab") is not { ValueKind: JsonValueKind.Object } vocab)
        {
            throw new TokenizerLoadException("model \"vocab\" must be an object of token → id");
        }

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in vocab.EnumerateObject())
        {
            ids[entry.Name] = entry.Value.GetInt32();
        }

        return new Vocabulary(ids);
    }

    private static BpeModel CreateBpe(JsonElement element)
    {
        if (element.GetDouble("dropout") is { } dropout && dropout != 0)
        {
            throw new TokenizerLoadException($"model 'BPE' with dropout {dropout} is not supported (results would be random)");
        }

        var vocab = ReadVocab(element);
        var options = new BpeOptions(
            element.GetString("unk_token"),
            element.GetString("continuing_subword_prefix"),
            element.GetString("end_of_word_suffix"),
            element.GetBool("fuse_unk", false),
            element.GetBool("byte_fallback", false),
            element.GetBool("ignore_merges", false));
        var merges = new Dictionary<long, (int Rank, int NewId)>();
        if (element.Get("merges") is { ValueKind: JsonValueKind.Array } array)
        {
            var rank = 0;
            foreach (var merge in array.EnumerateArray())
            {
                var (left, right) = ReadMerge(merge);
                if (!vocab.TryGetId(left, out var leftId) || !vocab.TryGetId(right, out var rightId))
                {
                    throw new TokenizerLoadException($"BPE merge '{left} {right}' uses a token missing from the vocabulary");
                }

                var prefix = options.ContinuingSubwordPrefix;
                var merged = left + (prefix is not null && right.StartsWith(prefix, StringComparison.Ordinal) ? right[prefix.Length..] : right);
                if (!vocab.TryGetId(merged, out var newId))
                {
                    throw new TokenizerLoadException($"BPE merge '{left} {right}' produces '{merged}', which is missing from the vocabulary");
                }

                merges.TryAdd(BpeModel.PairKey(leftId, rightId), (rank++, newId));
            }
        }

        return new BpeModel(vocab, merges, options);
    }

    // Merges are either legacy "a b" strings or ["a", "b"] pairs (tokenizers >= 0.20).
    private static (string Left, string Right) ReadMerge(JsonElement merge)
    {
        if (merge.ValueKind == JsonValueKind.String)
        {
            var text = merge.GetString()!;
            var space = text.IndexOf(' ', 1);
            if (space > 0)
            {
                return (text[..space], text[(space + 1)..]);
            }
        }
        else if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2)
        {
            return (merge[0].GetString() ?? "", merge[1].GetString() ?? "");
        }

        throw new TokenizerLoadException($"BPE merge {merge.GetRawText()} is neither \"a b\" nor [\"a\", \"b\"]");
    }

    private static UnigramModel CreateUnigram(JsonElement element)
    {
        if (element.Get("vocab") is not { ValueKind: JsonValueKind.Array } vocab)
        {
            throw new TokenizerLoadException("model 'Unigram' \"vocab\" must be a list of [piece, score]");
        }

        var pieces = new List<(string, double)>(vocab.GetArrayLength());
        foreach (var entry in vocab.EnumerateArray())
        {
            pieces.Add((entry[0].GetString() ?? "", entry[1].GetDouble()));
        }

        return new UnigramModel(pieces, element.GetInt("unk_id"), element.GetBool("byte_fallback", false));
    }
}
