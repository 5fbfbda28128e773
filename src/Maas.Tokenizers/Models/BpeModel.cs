using System.Collections.Concurrent;
using System.Text;

namespace Maas.Tokenizers.Models;

/// <summary>
/// Byte-pair encoding as the HF library runs it: start from one symbol per code point (with byte fallback or
/// unk for unknown ones), then repeatedly apply the lowest-ranked merge, leftmost first, using a priority queue.
/// Results are cached per word because natural text repeats words constantly.
/// </summary>
internal sealed class BpeModel : ITokenModel
{
    private const int MaxCachedWords = 50_000;
    private const int MaxCachedWordLength = 128;

    private readonly Dictionary<long, (int Rank, int NewId)> _merges;
    private readonly BpeOptions _options;
    private readonly int? _unkId;
    private readonly int[]? _byteIds;
    private readonly ConcurrentDictionary<string, ModelToken[]> _cache = new(StringComparer.Ordinal);

    public BpeModel(Vocabulary vocabulary, Dictionary<long, (int Rank, int NewId)> merges, BpeOptions options)
    {
        Vocabulary = vocabulary;
        _merges = merges;
        _options = options;
        _unkId = options.UnkToken is not null && vocabulary.TryGetId(options.UnkToken, out var unk) ? unk : null;
        _byteIds = options.ByteFallback ? vocabulary.ByteFallbackIds() : null;
    }

    public Vocabulary Vocabulary { get; }

    public static long PairKey(int left, int right) => ((long)left << 32) | (uint)right;

    public void Tokenize(string piece, List<ModelToken> output)
    {
        if (_cache.TryGetValue(piece, out var cached))
        {
            output.AddRange(cached);
            return;
        }

        var tokens = TokenizeWord(piece);
        if (piece.Length <= MaxCachedWordLength && _cache.Count < MaxCachedWords)
        {
            _cache.TryAdd(piece, tokens);
        }

        output.AddRange(tokens);
    }

    private ModelToken[] TokenizeWord(string word)
    {
        if (_options.IgnoreMerges && Vocabulary.TryGetId(word, out var whole))
        {
            return [new ModelToken(whole, word, 0, word.Length)];
        }

        var symbols = InitialSymbols(word);
        MergeAll(symbols);
        var result = new List<ModelToken>(symbols.Count);
        for (var i = 0; i < symbols.Count; i++)
        {
            var s = symbols[i];
            if (s.Alive)
            {
                result.Add(new ModelToken(s.Id, Vocabulary.TokenOf(s.Id), s.Start, s.End));
            }
        }

        return [.. result];
    }

    private List<Symbol> InitialSymbols(string word)
    {
        var symbols = new List<Symbol>(word.Length);
        (int Id, int Start, int End)? pendingUnk = null;
        Span<byte> bytes = stackalloc byte[4];
        Span<int> byteTokenIds = stackalloc int[4];
        for (var i = 0; i < word.Length;)
        {
            Rune.DecodeFromUtf16(word.AsSpan(i), out var rune, out var len);
            var end = i + len;
            var piece = word.AsSpan(i, len);
            var isFirst = i == 0;
            var isLast = end == word.Length;
            int id;
            bool found;
            if ((_options.ContinuingSubwordPrefix is null || isFirst) && (_options.EndOfWordSuffix is null || !isLast))
            {
                found = Vocabulary.TryGetId(piece, out id);
            }
            else
            {
                var text = (isFirst ? "" : _options.ContinuingSubwordPrefix) + piece.ToString() + (isLast ? _options.EndOfWordSuffix : "");
                found = Vocabulary.TryGetId(text, out id);
            }

            if (found)
            {
                FlushUnk(symbols, ref pendingUnk);
                symbols.Add(new Symbol(id, i, end));
            }
            else if (_byteIds is not null && Vocabulary.TryMapBytes(_byteIds, bytes[..rune.EncodeToUtf8(bytes)], byteTokenIds))
            {
                FlushUnk(symbols, ref pendingUnk);
                foreach (var byteTokenId in byteTokenIds[..rune.Utf8SequenceLength])
                {
                    symbols.Add(new Symbol(byteTokenId, i, end));
                }
            }
            else if (_unkId is { } unkId)
            {
                if (pendingUnk is { } pending && _options.FuseUnk)
                {
                    pendingUnk = (unkId, pending.Start, end);
                }
                else
                {
                    FlushUnk(symbols, ref pendingUnk);
                    pendingUnk = (unkId, i, end);
                }
            }

            i = end;
        }

        FlushUnk(symbols, ref pendingUnk);
        for (var i = 0; i < symbols.Count; i++)
        {
            symbols[i] = symbols[i] with { Prev = i - 1, Next = i + 1 < symbols.Count ? i + 1 : -1 };
        }

        return symbols;
    }

    private static void FlushUnk(List<Symbol> symbols, ref (int Id, int Start, int End)? pending)
    {
        if (pending is { } unk)
        {
            symbols.Add(new Symbol(unk.Id, unk.Start, unk.End));
            pending = null;
        }
    }

    private void MergeAll(List<Symbol> symbols)
    {
        if (symbols.Count < 2)
        {
            return;
        }

        // Priority = rank, then position: the lowest-ranked pair anywhere merges first, leftmost on ties.
        var queue = new PriorityQueue<(int Pos, int Left, int Right, int NewId), long>();
        for (var i = 0; i + 1 < symbols.Count; i++)
        {
            Enqueue(queue, symbols, i, i + 1);
        }

        while (queue.TryDequeue(out var top, out _))
        {
            var left = symbols[top.Pos];
            if (!left.Alive || left.Id != top.Left || left.Next < 0)
            {
                continue;
            }

            var right = symbols[left.Next];
            if (right.Id != top.Right)
            {
                continue;
            }

            symbols[top.Pos] = left with { Id = top.NewId, End = right.End, Next = right.Next };
            symbols[left.Next] = right with { Alive = false };
            if (right.Next >= 0)
            {
                symbols[right.Next] = symbols[right.Next] with { Prev = top.Pos };
                Enqueue(queue, symbols, top.Pos, right.Next);
            }

            if (left.Prev >= 0)
            {
                Enqueue(queue, symbols, left.Prev, top.Pos);
            }
        }
    }

    private void Enqueue(PriorityQueue<(int Pos, int Left, int Right, int NewId), long> queue, List<Symbol> symbols, int left, int right)
    {
        var l = symbols[left].Id;
        var r = symbols[right].Id;
        if (_merges.TryGetValue(PairKey(l, r), out var merge))
        {
            queue.Enqueue((left, l, r, merge.NewId), ((long)merge.Rank << 32) | (uint)left);
        }
    }

    private readonly record struct Symbol(int Id, int Start, int End, int Prev = -1, int Next = -1, bool Alive = true);
}

/// <summary>The BPE model settings from tokenizer.json.</summary>
internal sealed record BpeOptions(
    string? UnkToken,
    string? ContinuingSubwordPrefix,
    string? EndOfWordSuffix,
    bool FuseUnk,
    bool ByteFallback,
    bool IgnoreMerges);
