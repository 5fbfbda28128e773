namespace Maas.Pipelines.Embeddings;

/// <summary>Token vectors → one sentence vector (mean over the attention mask, or [CLS]), then optional L2 normalisation.</summary>
internal static class Pooling
{
    public static float[] Pool(ReadOnlySpan<float> tokens, int length, int hidden, PoolingMode mode)
    {
        var result = new float[hidden];
        if (mode == PoolingMode.Cls || length == 0)
        {
            tokens[..hidden].CopyTo(result);
            return result;
        }

        // Padding positions are past `length` (right padding), so the masked mean is the mean of the first `length`.
        Span<double> sums = hidden <= 1024 ? stackalloc double[hidden] : new double[hidden];
        sums.Clear();
        for (var t = 0; t < length; t++)
        {
            var row = tokens.Slice(t * hidden, hidden);
            for (var h = 0; h < hidden; h++)
            {
                sums[h] += row[h];
            }
        }

        for (var h = 0; h < hidden; h++)
        {
            result[h] = (float)(sums[h] / length);
        }

        return result;
    }

    public static void Normalize(Span<float> vector)
    {
        double squares = 0;
        foreach (var value in vector)
        {
            squares += (double)value * value;
        }

        // sentence-transformers divides by max(norm, 1e-12), so a zero vector stays zero.
        var norm = Math.Max(Math.Sqrt(squares), 1e-12);
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(vector[i] / norm);
        }
    }
}
