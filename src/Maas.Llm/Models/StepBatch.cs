namespace Maas.Llm.Models;

/// <summary>
/// The non-cache inputs of one forward pass over several sequences, laid out the way the HF decoders accept a batch:
/// <list type="bullet">
/// <item>the cache is left-padded to the longest past (<see cref="PastWidth"/>),</item>
/// <item>new tokens are left-padded to the longest new run (<see cref="NewWidth"/>), so every row's last token sits in
/// the last column and its logits are at <c>[row, NewWidth - 1]</c>,</item>
/// <item><c>attention_mask</c> is 0 on every pad, <c>position_ids</c> = cumsum(mask) - 1 on real tokens and 1 on
/// pads (what transformers.js does), and <c>use_cache_branch</c> is true once any row has a past.</item>
/// </list>
/// The scheduler only batches rows so that pads stay on the left (all decode rows, or all first prefill chunks);
/// the layout would also be valid with holes, but that case is not what the fixtures verify.
/// </summary>
internal sealed class StepBatch
{
    private StepBatch(int rows, int pastWidth, int newWidth)
    {
        Rows = rows;
        PastWidth = pastWidth;
        NewWidth = newWidth;
        InputIds = new long[rows * newWidth];
        AttentionMask = new long[rows * (pastWidth + newWidth)];
        PositionIds = new long[rows * newWidth];
    }

    public int Rows { get; }

    public int PastWidth { get; }

    public int NewWidth { get; }

    public int TotalWidth => PastWidth + NewWidth;

    /// <summary>[Rows, NewWidth].</summary>
    public long[] InputIds { get; }

    /// <summary>[Rows, PastWidth + NewWidth].</summary>
    public long[] AttentionMask { get; }

    /// <summary>[Rows, NewWidth].</summary>
    public long[] PositionIds { get; }

    /// <summary>Value for a merged decoder's <c>use_cache_branch</c>: the graph ignores the past when it is false.</summary>
    public bool UseCacheBranch => PastWidth > 0;

    public static StepBatch Build(IReadOnlyList<StepRow> rows, long padTokenId)
    {
        int pastWidth = 0, newWidth = 0;
        foreach (var row in rows)
        {
            pastWidth = Math.Max(pastWidth, row.PastLength);
            newWidth = Math.Max(newWidth, row.Tokens.Count);
        }

        var batch = new StepBatch(rows.Count, pastWidth, newWidth);
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var ids = batch.InputIds.AsSpan(r * newWidth, newWidth);
            var positions = batch.PositionIds.AsSpan(r * newWidth, newWidth);
            var mask = batch.AttentionMask.AsSpan(r * batch.TotalWidth, batch.TotalWidth);
            var newPad = newWidth - row.Tokens.Count;

            ids[..newPad].Fill(padTokenId);
            positions[..newPad].Fill(1);
            for (var j = 0; j < row.Tokens.Count; j++)
            {
                ids[newPad + j] = row.Tokens[j];
                positions[newPad + j] = row.PastLength + j;
            }

            mask.Clear();
            mask.Slice(pastWidth - row.PastLength, row.PastLength).Fill(1);
            mask[(pastWidth + newPad)..].Fill(1);
        }

        return batch;
    }
}
