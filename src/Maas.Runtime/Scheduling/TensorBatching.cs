using Maas.Inference;
using Maas.Tensors;

namespace Maas.Runtime.Scheduling;

/// <summary>Joins requests along the first dimension and splits a batched response back, without copying outputs.</summary>
internal static class TensorBatching
{
    /// <summary>The first-dimension size every input shares, or -1 when they disagree (such a request runs alone).</summary>
    public static long Rows(InferenceRequest request)
    {
        long rows = -1;
        foreach (var input in request.Inputs)
        {
            if (input.Shape.Length == 0)
            {
                return -1;
            }

            if (rows >= 0 && input.Shape[0] != rows)
            {
                return -1;
            }

            rows = input.Shape[0];
        }

        return rows;
    }

    /// <summary>True when two requests can share one engine run: same inputs, datatypes, per-row shapes and outputs.</summary>
    public static bool CanJoin(InferenceRequest first, InferenceRequest other)
    {
        if (first.Inputs.Count != other.Inputs.Count || !SameOutputs(first.RequestedOutputs, other.RequestedOutputs))
        {
            return false;
        }

        foreach (var input in first.Inputs)
        {
            var match = Find(other, input.Name);
            if (match is null || match.DataType != input.DataType || !match.Shape.AsSpan(1).SequenceEqual(input.Shape.AsSpan(1)))
            {
                return false;
            }
        }

        return true;
    }

    public static InferenceRequest Concatenate(IReadOnlyList<InferenceRequest> requests, long totalRows)
    {
        var first = requests[0];
        var inputs = new Tensor[first.Inputs.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            var template = first.Inputs[i];
            long[] shape = [totalRows, .. template.Shape.AsSpan(1)];
            if (template.DataType == TensorDataType.Bytes)
            {
                var strings = new List<byte[]>();
                foreach (var request in requests)
                {
                    strings.AddRange(Find(request, template.Name)!.Strings!);
                }

                inputs[i] = Tensor.FromStrings(template.Name, shape, strings);
                continue;
            }

            var length = 0;
            foreach (var request in requests)
            {
                length += Find(request, template.Name)!.Data.Length;
            }

            var buffer = new byte[length];
            var offset = 0;
            foreach (var request in requests)
            {
                var data = Find(request, template.Name)!.Data.Span;
                data.CopyTo(buffer.AsSpan(offset));
                offset += data.Length;
            }

            inputs[i] = Tensor.FromBytes(template.Name, template.DataType, shape, buffer);
        }

        return new InferenceRequest(inputs) { RequestedOutputs = first.RequestedOutputs };
    }

    /// <summary>
    /// One response per request, each a view of its rows in the batched outputs; the batch is disposed when the
    /// last view is. Returns null when an output lacks the batch dimension, so the rows cannot be told apart.
    /// </summary>
    public static InferenceResponse[]? Split(InferenceResponse batch, IReadOnlyList<long> rows, long totalRows)
    {
        foreach (var output in batch.Outputs)
        {
            if (output.Shape.Length == 0 || output.Shape[0] != totalRows)
            {
                return null;
            }
        }

        var owner = new SharedOwner(batch, rows.Count);
        var responses = new InferenceResponse[rows.Count];
        long start = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            var outputs = new Tensor[batch.Outputs.Count];
            for (var o = 0; o < outputs.Length; o++)
            {
                outputs[o] = Slice(batch.Outputs[o], start, rows[r], totalRows);
            }

            responses[r] = new InferenceResponse(outputs, owner.Lease());
            start += rows[r];
        }

        return responses;
    }

    private static Tensor Slice(Tensor output, long start, long count, long totalRows)
    {
        long[] shape = [count, .. output.Shape.AsSpan(1)];
        if (output.DataType == TensorDataType.Bytes)
        {
            var perRow = output.Strings!.Count / (int)totalRows;
            var strings = new byte[count * perRow][];
            for (var i = 0; i < strings.Length; i++)
            {
                strings[i] = output.Strings[(int)(start * perRow) + i];
            }

            return Tensor.FromStrings(output.Name, shape, strings);
        }

        var rowBytes = output.Data.Length / (int)totalRows;
        return Tensor.FromBytes(output.Name, output.DataType, shape, output.Data.Slice((int)start * rowBytes, (int)count * rowBytes));
    }

    private static Tensor? Find(InferenceRequest request, string name)
    {
        foreach (var input in request.Inputs)
        {
            if (input.Name == name)
            {
                return input;
            }
        }

        return null;
    }

    private static bool SameOutputs(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b);

    /// <summary>Disposes the batched response once every per-request view is done with it.</summary>
    private sealed class SharedOwner(IDisposable inner, int holders)
    {
        private int _holders = holders;

        public IDisposable Lease() => new Holder(this);

        private void Release()
        {
            if (Interlocked.Decrement(ref _holders) == 0)
            {
                inner.Dispose();
            }
        }

        private sealed class Holder(SharedOwner owner) : IDisposable
        {
            private int _released;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _released, 1) == 0)
                {
                    owner.Release();
                }
            }
        }
    }
}
