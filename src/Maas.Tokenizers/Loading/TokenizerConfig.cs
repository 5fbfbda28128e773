using System.Text.Json;

namespace Maas.Tokenizers.Loading;

/// <summary>What we read from tokenizer_config.json: string settings (token objects flattened to their content) and a few flags.</summary>
internal sealed class TokenizerConfig
{
    private TokenizerConfig(Dictionary<string, string> strings, int? modelMaxLength, bool? addBos, bool? addEos)
    {
        Strings = strings;
        ModelMaxLength = modelMaxLength;
        AddBosToken = addBos;
        AddEosToken = addEos;
    }

    public static TokenizerConfig Empty { get; } = new([], null, null, null);

    public IReadOnlyDictionary<string, string> Strings { get; }

    public int? ModelMaxLength { get; }

    public bool? AddBosToken { get; }

    public bool? AddEosToken { get; }

    public static TokenizerConfig Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            // bos_token & co. are either "<s>" or an AddedToken object {"content": "<s>", ...}.
            var value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()
                : property.Value.ValueKind == JsonValueKind.Object ? property.Value.GetString("content")
                : null;
            if (value is not null)
            {
                strings[property.Name] = value;
            }
        }

        // transformers writes a 1e30 sentinel for "no limit".
        var maxLength = root.GetDouble("model_max_length") is { } m && m is > 0 and <= int.MaxValue ? (int)m : (int?)null;
        return new TokenizerConfig(strings, maxLength, root.GetBoolOrNull("add_bos_token"), root.GetBoolOrNull("add_eos_token"));
    }
}
