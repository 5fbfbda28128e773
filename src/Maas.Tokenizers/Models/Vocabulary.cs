using System.Diagnostics.CodeAnalysis;

namespace Maas.Tokenizers.Models;

/// <summary>Token ↔ id maps, with span lookups so the hot loops need not allocate substrings.</summary>
internal sealed class Vocabulary
{
    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanIds;
    private readonly Dictionary<int, string> _tokens;

    public Vocabulary(Dictionary<string, int> ids)
    {
        _ids = ids;
        _spanIds = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _tokens = new Dictionary<int, string>(ids.Count);
        foreach (var (token, id) in ids)
        {
            _tokens.TryAdd(id, token);
        }

        MaxId = ids.Count == 0 ? -1 : _tokens.Keys.Max();
    }

    public int Count => _ids.Count;

    public int MaxId { get; }

    public bool TryGetId(string token, out int id) => _ids.TryGetValue(token, out id);

    public bool TryGetId(ReadOnlySpan<char> token, out int id) => _spanIds.TryGetValue(token, out id);

    public bool TryGetToken(int id, [MaybeNullWhen(false)] out string token) => _tokens.TryGetValue(id, out token);

    public string TokenOf(int id) => _tokens.TryGetValue(id, out var token) ? token : "";

    /// <summary>Ids of the SentencePiece byte tokens <c>&lt;0x00&gt;</c>…<c>&lt;0xFF&gt;</c>; -1 where a byte has none.</summary>
    public int[] ByteFallbackIds()
    {
        var ids = new int[256];
        for (var b = 0; b < 256; b++)
        {
            ids[b] = _ids.TryGetValue(ByteToken(b), out var id) ? id : -1;
        }

        return ids;
    }

    /// <summary>Byte tokens for <paramref name="bytes"/>, or false when any byte lacks one (then the text is unk).</summary>
    public static bool TryMapBytes(int[] byteIds, ReadOnlySpan<byte> bytes, Span<int> ids)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            ids[i] = byteIds[bytes[i]];
            if (ids[i] < 0)
            {
                return false;
            }
        }

        return true;
    }

    public static string ByteToken(int b) => $"<0x{b:X2}>";
}
