namespace Maas.Tokenizers;

/// <summary>
/// Encodings right-padded into row-major <c>[BatchSize, SequenceLength]</c> int64 matrices, the layout ONNX
/// text models take as <c>input_ids</c> / <c>attention_mask</c> / <c>token_type_ids</c>.
/// </summary>
public sealed record PaddedBatch(int BatchSize, int SequenceLength, long[] InputIds, long[] AttentionMask, long[] TypeIds)
{
    /// <summary>Right-pads every encoding to the longest one with <paramref name="padId"/> (mask 0, type id 0).</summary>
    public static PaddedBatch Create(IReadOnlyList<Encoding> encodings, int padId)
    {
        var length = encodings.Count == 0 ? 0 : encodings.Max(e => e.Length);
        var ids = new long[encodings.Count * length];
        var mask = new long[ids.Length];
        var types = new long[ids.Length];
        Array.Fill(ids, padId);
        for (var row = 0; row < encodings.Count; row++)
        {
            var e = encodings[row];
            for (var i = 0; i < e.Length; i++)
            {
                ids[(row * length) + i] = e.Ids[i];
                mask[(row * length) + i] = e.AttentionMask[i];
                types[(row * length) + i] = e.TypeIds[i];
            }
        }

        return new PaddedBatch(encodings.Count, length, ids, mask, types);
    }
}
