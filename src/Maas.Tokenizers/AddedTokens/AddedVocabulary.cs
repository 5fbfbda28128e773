using Maas.Tokenizers.Normalizers;
using Maas.Tokenizers.Text;

namespace Maas.Tokenizers.AddedTokens;

/// <summary>
/// The <c>added_tokens</c>: looked up before the model's vocabulary, and cut out of the text before the model
/// sees it — <c>normalized: false</c> ones from the raw text, <c>normalized: true</c> ones from the normalized text.
/// </summary>
internal sealed class AddedVocabulary
{
    private readonly Dictionary<string, AddedToken> _byContent = new(StringComparer.Ordinal);
    private readonly Dictionary<int, AddedToken> _byId = [];

    public AddedVocabulary(IReadOnlyList<AddedToken> tokens, INormalizer? normalizer)
    {
        foreach (var token in tokens)
        {
            _byContent[token.Content] = token;
            _byId[token.Id] = token;
        }

        Raw = new AddedTokenMatcher(tokens.Where(t => !t.Normalized || normalizer is null).Select(t => (t.Content, t)));
        NormalizedMatcher = new AddedTokenMatcher(tokens
            .Where(t => t.Normalized && normalizer is not null)
            .Select(t => (normalizer!.Normalize(AlignedString.FromOriginal(t.Content, 0, t.Content.Length)).Text, t)));
        SpecialIds = tokens.Where(t => t.Special).Select(t => t.Id).ToHashSet();
    }

    /// <summary>Matches tokens in the raw input (<c>normalized: false</c>).</summary>
    public AddedTokenMatcher Raw { get; }

    /// <summary>Matches tokens in normalized text (<c>normalized: true</c>).</summary>
    public AddedTokenMatcher NormalizedMatcher { get; }

    public IReadOnlySet<int> SpecialIds { get; }

    public IEnumerable<AddedToken> All => _byId.Values;

    public bool TryGetId(string content, out int id)
    {
        var found = _byContent.TryGetValue(content, out var token);
        id = token?.Id ?? 0;
        return found;
    }

    public string? TokenOf(int id) => _byId.TryGetValue(id, out var token) ? token.Content : null;
}
