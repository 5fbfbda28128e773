using System.Collections.Frozen;
using Maas.Tokenizers.Loading;
using Maas.Tokenizers.Pipeline;

namespace Maas.Tokenizers;

/// <summary>
/// A Hugging Face <c>tokenizer.json</c> (plus optional <c>tokenizer_config.json</c>) that produces exactly the ids
/// of the HF <c>tokenizers</c> library. Immutable after loading and safe to share between threads.
/// Encoding never truncates or pads unless asked: see the <c>maxLength</c> overloads and <see cref="PaddedBatch"/>.
/// </summary>
public sealed class HfTokenizer
{
    private readonly TokenizerParts _parts;
    private readonly TextEncoder _encoder;

    private HfTokenizer(TokenizerParts parts)
    {
        _parts = parts;
        _encoder = new TextEncoder(parts.Added, parts.Normalizer, parts.PreTokenizer, parts.Model);
        SpecialTokenIds = parts.Added.SpecialIds.ToFrozenSet();
        VocabularySize = Math.Max(parts.Model.Vocabulary.MaxId, parts.Added.All.Select(t => t.Id).DefaultIfEmpty(-1).Max()) + 1;
        ModelMaxLength = parts.Config.ModelMaxLength ?? parts.Truncation?.MaxLength;
        PadTokenId = parts.Padding?.PadId
            ?? (parts.Config.Strings.TryGetValue("pad_token", out var pad) ? TokenToId(pad) : null);
    }

    /// <summary>Size of an id-indexed table covering every id (model vocabulary and added tokens): max id + 1.</summary>
    public int VocabularySize { get; }

    /// <summary>Ids of the added tokens marked <c>special</c> (dropped by <see cref="Decode"/> when skipping specials).</summary>
    public IReadOnlySet<int> SpecialTokenIds { get; }

    /// <summary><c>model_max_length</c> from tokenizer_config.json (the 1e30 "unlimited" sentinel ignored), else <c>truncation.max_length</c>.</summary>
    public int? ModelMaxLength { get; }

    /// <summary><c>padding.pad_id</c> from tokenizer.json, else the id of tokenizer_config.json's <c>pad_token</c>.</summary>
    public int? PadTokenId { get; }

    /// <summary>The <c>truncation</c> block of tokenizer.json, if any.</summary>
    public TruncationSettings? Truncation => _parts.Truncation;

    /// <summary>The <c>padding</c> block of tokenizer.json, if any.</summary>
    public PaddingSettings? Padding => _parts.Padding;

    /// <summary>
    /// Top-level string settings of tokenizer_config.json (<c>bos_token</c>, <c>eos_token</c>, <c>chat_template</c>,
    /// <c>tokenizer_class</c>…); token objects are flattened to their <c>content</c>. Empty without a config.
    /// </summary>
    public IReadOnlyDictionary<string, string> Config => _parts.Config.Strings;

    /// <summary>
    /// Loads a tokenizer.json. Without <paramref name="tokenizerConfigPath"/>, a <c>tokenizer_config.json</c> in the
    /// same folder is used when present.
    /// </summary>
    /// <exception cref="TokenizerLoadException">A component is unsupported or inconsistent; the message names it.</exception>
    public static HfTokenizer Load(string tokenizerJsonPath, string? tokenizerConfigPath = null)
    {
        if (tokenizerConfigPath is null)
        {
            var sibling = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(tokenizerJsonPath)) ?? ".", "tokenizer_config.json");
            tokenizerConfigPath = File.Exists(sibling) ? sibling : null;
        }

        return FromJson(File.ReadAllText(tokenizerJsonPath), tokenizerConfigPath is null ? null : File.ReadAllText(tokenizerConfigPath));
    }

    /// <exception cref="TokenizerLoadException">A component is unsupported or inconsistent; the message names it.</exception>
    public static HfTokenizer FromJson(string tokenizerJson, string? tokenizerConfigJson = null) =>
        new(TokenizerParts.Parse(tokenizerJson, tokenizerConfigJson));

    public Encoding Encode(string text, bool addSpecialTokens = true) =>
        Finish([_encoder.Encode(text)], addSpecialTokens);

    public Encoding EncodePair(string text, string pair, bool addSpecialTokens = true) =>
        Finish([_encoder.Encode(text), _encoder.Encode(pair)], addSpecialTokens);

    /// <summary>
    /// Encodes and truncates the content so the result, special tokens included, has at most
    /// <paramref name="maxLength"/> tokens (from the end, or the start if tokenizer.json says <c>direction: Left</c>).
    /// </summary>
    public Encoding Encode(string text, bool addSpecialTokens, int maxLength)
    {
        var tokens = _encoder.Encode(text);
        var budget = Budget(maxLength, addSpecialTokens, isPair: false);
        TruncateTo(tokens, budget);
        return Finish([tokens], addSpecialTokens);
    }

    /// <summary>Pair version of <see cref="Encode(string, bool, int)"/>: longest-first, one token at a time from the longer sequence.</summary>
    public Encoding EncodePair(string text, string pair, bool addSpecialTokens, int maxLength)
    {
        var first = _encoder.Encode(text);
        var second = _encoder.Encode(pair);
        var budget = Budget(maxLength, addSpecialTokens, isPair: true);
        while (first.Count + second.Count > budget)
        {
            // Ties shorten the second sequence, which leaves the first one the larger half as HF does.
            TruncateTo(first.Count > second.Count ? first : second, (first.Count > second.Count ? first.Count : second.Count) - 1);
        }

        return Finish([first, second], addSpecialTokens);
    }

    /// <summary>Encodes each text independently; no padding (see <see cref="PaddedBatch.Create"/>).</summary>
    public IReadOnlyList<Encoding> EncodeBatch(IReadOnlyList<string> texts, bool addSpecialTokens = true)
    {
        var result = new Encoding[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            result[i] = Encode(texts[i], addSpecialTokens);
        }

        return result;
    }

    /// <summary>Right-pads encodings into ONNX-ready matrices; same as <see cref="PaddedBatch.Create"/>.</summary>
    public static PaddedBatch Pad(IReadOnlyList<Encoding> encodings, int padId) => PaddedBatch.Create(encodings, padId);

    public string Decode(ReadOnlySpan<int> ids, bool skipSpecialTokens = true)
    {
        var tokens = new List<string>(ids.Length);
        foreach (var id in ids)
        {
            if (skipSpecialTokens && SpecialTokenIds.Contains(id))
            {
                continue;
            }

            if (IdToToken(id) is { } token)
            {
                tokens.Add(token);
            }
        }

        return _parts.Decoder is null ? string.Join(' ', tokens) : string.Concat(_parts.Decoder.DecodeChain(tokens));
    }

    public int? TokenToId(string token) =>
        _parts.Added.TryGetId(token, out var id) || _parts.Model.Vocabulary.TryGetId(token, out id) ? id : null;

    public string? IdToToken(int id) =>
        _parts.Added.TokenOf(id) ?? (_parts.Model.Vocabulary.TryGetToken(id, out var token) ? token : null);

    /// <summary>Incremental detokenizer for generation: feed ids one by one, get only complete new text.</summary>
    public StreamingDecoder CreateStreamingDecoder(bool skipSpecialTokens = true) => new(this, skipSpecialTokens);

    private int Budget(int maxLength, bool addSpecialTokens, bool isPair)
    {
        var added = addSpecialTokens ? _parts.PostProcessor?.AddedTokens(isPair) ?? 0 : 0;
        return Math.Max(0, maxLength - added);
    }

    private void TruncateTo(List<EncodedToken> tokens, int length)
    {
        if (tokens.Count <= length)
        {
            return;
        }

        if (_parts.Truncation?.TruncateLeft == true)
        {
            tokens.RemoveRange(0, tokens.Count - length);
        }
        else
        {
            tokens.RemoveRange(length, tokens.Count - length);
        }
    }

    private Encoding Finish(List<List<EncodedToken>> sequences, bool addSpecialTokens)
    {
        // Without a post-processor a pair is simply concatenated (all type ids 0), as in the HF library.
        var processed = _parts.PostProcessor?.Process(sequences, addSpecialTokens) ?? sequences;
        var count = processed.Sum(s => s.Count);
        var ids = new int[count];
        var typeIds = new int[count];
        var mask = new int[count];
        var tokens = new string[count];
        var offsets = new (int, int)[count];
        var special = new int[count];
        var i = 0;
        foreach (var sequence in processed)
        {
            foreach (var t in sequence)
            {
                ids[i] = t.Id;
                typeIds[i] = t.TypeId;
                mask[i] = 1;
                tokens[i] = t.Value;
                offsets[i] = (t.Start, t.End);
                special[i] = t.Special ? 1 : 0;
                i++;
            }
        }

        return new Encoding(ids, typeIds, mask, tokens, offsets, special);
    }
}
