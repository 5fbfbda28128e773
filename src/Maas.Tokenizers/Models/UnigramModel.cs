namespace Maas.Tokenizers.Models;

/// <summary>
/// SentencePiece Unigram: Viterbi search for the segmentation with the highest total piece score. A code point
/// no piece covers costs <c>min_score - 10</c> as unk; adjacent unks fuse, and with byte_fallback an unk
/// becomes its UTF-8 byte tokens. Ties keep the first path found (shorter pieces, earlier starts), as HF does.
/// </summary>
internal sealed class UnigramModel : ITokenModel
{
    private const double UnkPenalty = 10.0;

    private readonly double[] _scores;
    private readonly int? _unkId;
    private readonly int[]? _byteIds;
    private readonly int _maxPieceLength;
    private readonly double _unkScore;

    public UnigramModel(List<(string Piece, double Score)> pieces, int? unkId, bool byteFallback)
    {
        var ids = new Dictionary<string, int>(pieces.Count, StringComparer.Ordinal);
        _scores = new double[pieces.Count];
        for (var i = 0; i < pieces.Count; i++)
        {
            ids.TryAdd(pieces[i].Piece, i);
            _scores[i] = pieces[i].Score;
            _maxPieceLength = Math.Max(_maxPieceLength, pieces[i].Piece.Length);
        }

        Vocabulary = new Vocabulary(ids);
        _unkId = unkId;
        _byteIds = byteFallback ? Vocabulary.ByteFallbackIds() : null;
        _unkScore = (pieces.Count == 0 ? 0 : _scores.Min()) - UnkPenalty;
    }

    public Vocabulary Vocabulary { get; }

    public void Tokenize(string piece, List<ModelToken> output)
    {
        var n = piece.Length;
        var bestScore = new double[n + 1];
        var bestFrom = new int[n + 1];
        var bestId = new int[n + 1];
        Array.Fill(bestFrom, -1);
        bestFrom[0] = 0;
        for (var begin = 0; begin < n; begin = NextBoundary(piece, begin))
        {
            if (bestFrom[begin] < 0)
            {
                continue;
            }

            var firstEnd = NextBoundary(piece, begin);
            var hasSingle = false;
            for (var end = firstEnd; end <= n && end - begin <= _maxPieceLength; end = NextBoundary(piece, end))
            {
                if (Vocabulary.TryGetId(piece.AsSpan(begin, end - begin), out var id))
                {
                    Relax(end, begin, id, bestScore[begin] + _scores[id]);
                    hasSingle |= end == firstEnd;
                }

                if (end == n)
                {
                    break;
                }
            }

            if (!hasSingle)
            {
                Relax(firstEnd, begin, -1, bestScore[begin] + _unkScore);
            }
        }

        var path = new List<(int Start, int End, int Id)>();
        for (var end = n; end > 0; end = bestFrom[end])
        {
            path.Add((bestFrom[end], end, bestId[end]));
        }

        path.Reverse();
        Emit(piece, path, output);

        void Relax(int end, int from, int id, double score)
        {
            if (bestFrom[end] < 0 || score > bestScore[end])
            {
                bestFrom[end] = from;
                bestId[end] = id;
                bestScore[end] = score;
            }
        }
    }

    private void Emit(string piece, List<(int Start, int End, int Id)> path, List<ModelToken> output)
    {
        for (var i = 0; i < path.Count; i++)
        {
            var (start, end, id) = path[i];
            var isUnk = id < 0 || id == _unkId;
            if (!isUnk)
            {
                output.Add(new ModelToken(id, Vocabulary.TokenOf(id), start, end));
                continue;
            }

            while (i + 1 < path.Count && (path[i + 1].Id < 0 || path[i + 1].Id == _unkId))
            {
                end = path[++i].End;
            }

            var surface = piece[start..end];
            var bytes = System.Text.Encoding.UTF8.GetBytes(surface);
            var byteTokenIds = new int[bytes.Length];
            if (_byteIds is not null && Vocabulary.TryMapBytes(_byteIds, bytes, byteTokenIds))
            {
                for (var b = 0; b < bytes.Length; b++)
                {
                    output.Add(new ModelToken(byteTokenIds[b], Vocabulary.ByteToken(bytes[b]), start, end));
                }
            }
            else if (_unkId is { } unkId)
            {
                // HF reports the unknown surface text as the token string, with the unk id.
                output.Add(new ModelToken(unkId, surface, start, end));
            }
        }
    }

    private static int NextBoundary(string text, int index) =>
        index + (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1);
}
