using System.Text.Json;
using Maas.Errors;

namespace Maas.Llm.Models;

/// <summary>
/// The fields of <c>config.json</c> and <c>generation_config.json</c> the engine uses, each null when absent. Both
/// files are optional: the graph's input metadata is enough to size the cache.
/// </summary>
internal sealed record ModelConfig(
    int? Layers,
    int? AttentionHeads,
    int? KeyValueHeads,
    int? HeadDim,
    int? HiddenSize,
    int? ContextLength,
    int? VocabSize,
    IReadOnlyList<int>? EosTokenIds,
    int? BosTokenId,
    int? PadTokenId,
    GenerationDefaults Defaults)
{
    public static ModelConfig Read(string folder)
    {
        using var config = Open(Path.Combine(folder, "config.json"));
        using var generation = Open(Path.Combine(folder, "generation_config.json"));
        var c = config?.RootElement;
        var g = generation?.RootElement;

        var defaults = new GenerationDefaults(
            Int(g, "max_new_tokens"),
            Bool(g, "do_sample"),
            Float(g, "temperature"),
            Float(g, "top_p"),
            Int(g, "top_k"),
            Float(g, "repetition_penalty"));

        // generation_config.json wins for token ids: it is where chat models list every end-of-turn id.
        return new ModelConfig(
            Int(c, "num_hidden_layers") ?? Int(c, "n_layer"),
            Int(c, "num_attention_heads") ?? Int(c, "n_head"),
            Int(c, "num_key_value_heads"),
            Int(c, "head_dim"),
            Int(c, "hidden_size") ?? Int(c, "n_embd"),
            Int(c, "max_position_embeddings") ?? Int(c, "n_positions"),
            Int(c, "vocab_size"),
            IntList(g, "eos_token_id") ?? IntList(c, "eos_token_id"),
            Int(g, "bos_token_id") ?? Int(c, "bos_token_id"),
            Int(g, "pad_token_id") ?? Int(c, "pad_token_id"),
            defaults);
    }

    private static JsonDocument? Open(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            throw MaasException.InvalidModel($"{Path.GetFileName(path)} must hold a JSON object");
        }
        catch (JsonException ex)
        {
            throw MaasException.InvalidModel($"{Path.GetFileName(path)} is not valid JSON: {ex.Message}", ex);
        }
    }

    private static JsonElement? Field(JsonElement? root, string name) =>
        root is { } r && r.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static int? Int(JsonElement? root, string name) => Field(root, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out var i) => i,
        _ => throw Invalid(name, "an integer"),
    };

    private static float? Float(JsonElement? root, string name) => Field(root, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } v => v.GetSingle(),
        _ => throw Invalid(name, "a number"),
    };

    private static bool? Bool(JsonElement? root, string name) => Field(root, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw Invalid(name, "true or false"),
    };

    /// <summary>An id field that may be one integer or a list of them (eos_token_id in newer configs).</summary>
    private static int[]? IntList(JsonElement? root, string name)
    {
        switch (Field(root, name))
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out var single):
                return [single];
            case { ValueKind: JsonValueKind.Array } array:
                var ids = new List<int>();
                foreach (var item in array.EnumerateArray())
                {
                    ids.Add(item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var id) ? id : throw Invalid(name, "an integer or a list of integers"));
                }

                return [.. ids];
            default:
                throw Invalid(name, "an integer or a list of integers");
        }
    }

    private static MaasException Invalid(string name, string expected) =>
        MaasException.InvalidModel($"model config field '{name}' must be {expected}");
}
