using Maas.Llm.Caching;
using Maas.Llm.Models;
using Maas.Llm.Scheduling;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Maas.Llm.Engine;

/// <summary>
/// Runs one <see cref="ScheduledRun"/>: builds the padded past from the sequences' own caches, runs the model, stores
/// the new keys/values and samples where a row reached its last pending token.
/// <para>
/// Copying cost per run: the gather copies every row's whole past (rows × past × 2 × layers × heads × head_dim
/// floats); the store copies only the positions not stored yet. In the steady state of decoding neither happens:
/// when a decode run has exactly the rows of the previous decode run, in the same order, the previous run's
/// <c>present</c> tensors already are the left-padded past, so they are fed back as they are, and the new positions
/// stay in them until the batch changes, when each sequence's tail is stored at once. The price is that the batch's
/// cache exists twice (in the sequences and in those presents) until the batch changes.
/// </para>
/// Single-threaded: only the engine's step loop calls it.
/// </summary>
internal sealed class StepExecutor(DecoderModel model) : IDisposable
{
    private readonly float[] _scratch = new float[model.Info.VocabSize];
    private ResidentBatch? _resident;

    /// <summary>Decode runs that reused the previous presents (no gather); for tests and metrics.</summary>
    public long ReusedPastRuns { get; private set; }

    public RowResult[] Execute(ScheduledRun run)
    {
        var rows = run.Rows;
        var caches = new SequenceKvCache[rows.Count];
        var stepRows = new StepRow[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var sequence = rows[i].Sequence;
            caches[i] = sequence.Cache ?? throw new InvalidOperationException("scheduled sequence has no cache");
            stepRows[i] = new StepRow(caches[i].Length, sequence.PendingSlice(rows[i].TokenCount));
        }

        var batch = StepBatch.Build(stepRows, model.PadTokenId);
        var reuse = run.IsDecode && _resident is { } resident && resident.Matches(rows, caches, batch.PastWidth);
        if (run.IsDecode && !reuse)
        {
            // The decode batch changed: the previous one's unstored tails go home before the gather reads the caches.
            StoreResident();
        }

        var gathered = reuse ? null : Gather(caches, batch.PastWidth);
        DecoderOutputs outputs;
        try
        {
            outputs = model.Run(batch, gathered ?? _resident!.Outputs.Presents);
        }
        finally
        {
            DisposeAll(gathered);
        }

        try
        {
            for (var i = 0; i < rows.Count; i++)
            {
                caches[i].Advance(rows[i].TokenCount);
            }

            var results = Sample(outputs, rows, caches);
            if (run.IsDecode)
            {
                ReusedPastRuns += reuse ? 1 : 0;
                _resident?.Outputs.Dispose();
                _resident = ResidentBatch.Of(outputs, rows, caches);
            }
            else
            {
                Store(outputs, caches);
                outputs.Dispose();
            }

            return results;
        }
        catch
        {
            outputs.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Forgets the resident batch after a failed step. Its tails are not stored: every unfinished sequence of the last
    /// decode run was in the failed step too, and all of those fail.
    /// </summary>
    public void Reset()
    {
        _resident?.Outputs.Dispose();
        _resident = null;
    }

    public void Dispose() => Reset();

    private void StoreResident()
    {
        if (_resident is not { } resident)
        {
            return;
        }

        // A sequence that finished meanwhile has no cache any more and nothing to keep.
        Store(resident.Outputs, Array.ConvertAll(resident.Sequences, s => s.Cache));
        resident.Outputs.Dispose();
        _resident = null;
    }

    private OrtValue[] Gather(SequenceKvCache[] caches, int pastWidth)
    {
        var info = model.Info;
        var tensors = new OrtValue[info.Layers * 2];
        long[] shape = [caches.Length, info.KeyValueHeads, pastWidth, info.HeadDim];
        try
        {
            for (var t = 0; t < tensors.Length; t++)
            {
                // ORT's CPU arena recycles these buffers, so a per-step allocation costs no GC and little malloc.
                tensors[t] = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Float, shape);
                var span = tensors[t].GetTensorMutableDataAsSpan<float>();
                for (var row = 0; row < caches.Length; row++)
                {
                    caches[row].CopyTo(t, span, row, pastWidth);
                }
            }

            return tensors;
        }
        catch
        {
            DisposeAll(tensors);
            throw;
        }
    }

    private static void Store(DecoderOutputs outputs, SequenceKvCache?[] caches)
    {
        for (var t = 0; t < outputs.Presents.Count; t++)
        {
            var present = outputs.Presents[t].GetTensorDataAsSpan<float>();
            for (var row = 0; row < caches.Length; row++)
            {
                caches[row]?.Store(t, present, row, outputs.PresentLength);
            }
        }

        foreach (var cache in caches)
        {
            cache?.MarkStored();
        }
    }

    private RowResult[] Sample(DecoderOutputs outputs, IReadOnlyList<ScheduledRow> rows, SequenceKvCache[] caches)
    {
        var results = new RowResult[rows.Count];
        var logits = outputs.Logits;
        for (var row = 0; row < rows.Count; row++)
        {
            var sequence = rows[row].Sequence;

            // A prompt chunk that is not the last has nothing to sample: its logits predict tokens we already know.
            if (caches[row].Length < sequence.TokenCount)
            {
                results[row] = new RowResult(sequence, null);
                continue;
            }

            var last = outputs.LastLogits(logits, row);
            sequence.Observer?.Invoke(last);
            results[row] = new RowResult(sequence, sequence.Sampler.Next(last, _scratch));
        }

        return results;
    }

    private static void DisposeAll(OrtValue?[]? values)
    {
        foreach (var value in values ?? [])
        {
            value?.Dispose();
        }
    }

    /// <summary>The last decode run: its outputs and, per row, the sequence and its cache length after the run.</summary>
    private sealed record ResidentBatch(DecoderOutputs Outputs, Sequence[] Sequences, int[] Lengths)
    {
        public static ResidentBatch Of(DecoderOutputs outputs, IReadOnlyList<ScheduledRow> rows, SequenceKvCache[] caches)
        {
            var sequences = new Sequence[rows.Count];
            var lengths = new int[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                sequences[i] = rows[i].Sequence;
                lengths[i] = caches[i].Length;
            }

            return new ResidentBatch(outputs, sequences, lengths);
        }

        public bool Matches(IReadOnlyList<ScheduledRow> rows, SequenceKvCache[] caches, int pastWidth)
        {
            if (rows.Count != Sequences.Length || Outputs.PresentLength != pastWidth)
            {
                return false;
            }

            for (var i = 0; i < rows.Count; i++)
            {
                if (!ReferenceEquals(rows[i].Sequence, Sequences[i]) || caches[i].Length != Lengths[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
