using Maas.Llm.Caching;
using Maas.Llm.Models;
using Maas.Llm.Scheduling;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Maas.Llm.Engine;

/// <summary>
/// Runs one <see cref="ScheduledRun"/>: builds the padded past from the sequences' own caches, runs the model,
/// copies each row's new keys/values back and samples where a row reached its last pending token.
/// <para>
/// Copying cost per run: the gather copies every row's whole past (rows × past × 2 × layers × heads × head_dim
/// floats); the scatter copies only the new positions. The gather is skipped in the steady state of decoding:
/// when a decode run has exactly the rows of the previous decode run, in the same order, the previous run's
/// <c>present</c> tensors already are the left-padded past, so they are fed back as they are. The price is that
/// the batch's cache exists twice (in the sequences and in those presents) until the batch changes.
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
        var caches = rows.Select(r => r.Sequence.Cache ?? throw new InvalidOperationException("scheduled sequence has no cache")).ToArray();
        var batch = StepBatch.Build(
            rows.Select((r, i) => new StepRow(caches[i].Length, r.Sequence.PendingSlice(r.TokenCount))).ToArray(),
            model.PadTokenId);

        var reuse = run.IsDecode && _resident is { } resident && resident.Matches(rows, caches, batch.PastWidth);
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
            Scatter(outputs, rows, caches);
            var results = Sample(outputs, rows, caches, batch.NewWidth);
            if (run.IsDecode)
            {
                ReusedPastRuns += reuse ? 1 : 0;
                _resident?.Outputs.Dispose();
                _resident = new ResidentBatch(outputs, rows.Select(r => r.Sequence).ToArray(), caches.Select(c => c.Length).ToArray());
            }
            else
            {
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

    /// <summary>Forgets the resident batch, e.g. after a failed step left the caches in an unknown state.</summary>
    public void Reset()
    {
        _resident?.Outputs.Dispose();
        _resident = null;
    }

    public void Dispose() => Reset();

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

    private static void Scatter(DecoderOutputs outputs, IReadOnlyList<ScheduledRow> rows, SequenceKvCache[] caches)
    {
        var width = outputs.PresentLength;
        for (var t = 0; t < outputs.Presents.Count; t++)
        {
            var present = outputs.Presents[t].GetTensorDataAsSpan<float>();
            for (var row = 0; row < rows.Count; row++)
            {
                caches[row].Append(t, present, row, width, rows[row].TokenCount);
            }
        }

        for (var row = 0; row < rows.Count; row++)
        {
            caches[row].Commit(rows[row].TokenCount);
        }
    }

    private RowResult[] Sample(DecoderOutputs outputs, IReadOnlyList<ScheduledRow> rows, SequenceKvCache[] caches, int newWidth)
    {
        var results = new RowResult[rows.Count];
        for (var row = 0; row < rows.Count; row++)
        {
            var sequence = rows[row].Sequence;

            // A prompt chunk that is not the last has nothing to sample: its logits predict tokens we already know.
            if (caches[row].Length < sequence.TokenCount)
            {
                results[row] = new RowResult(sequence, null);
                continue;
            }

            var logits = outputs.LastLogits(row, newWidth);
            sequence.Observer?.Invoke(logits);
            results[row] = new RowResult(sequence, sequence.Sampler.Next(logits, _scratch));
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
