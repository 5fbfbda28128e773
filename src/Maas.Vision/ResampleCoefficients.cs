namespace Maas.Vision;

/// <summary>
/// One axis of a PIL-style resize: for every output position the first source index, the tap count and
/// fixed-point weights. Mirrors PIL's <c>precompute_coeffs</c> + <c>normalize_coeffs_8bpc</c>: the filter is
/// stretched by the downscale factor (antialiasing), taps are normalised to sum 1 in double precision, then
/// rounded to 22-bit fixed point.
/// </summary>
internal sealed class ResampleCoefficients
{
    /// <summary>PIL's PRECISION_BITS for 8-bit images: 32 - 8 - 2.</summary>
    public const int PrecisionBits = 22;

    private ResampleCoefficients(int taps, int[] starts, int[] counts, int[] weights)
    {
        Taps = taps;
        Starts = starts;
        Counts = counts;
        Weights = weights;
    }

    /// <summary>Stride of <see cref="Weights"/> per output position.</summary>
    public int Taps { get; }

    public int[] Starts { get; }

    public int[] Counts { get; }

    public int[] Weights { get; }

    public ReadOnlySpan<int> WeightsOf(int output) => Weights.AsSpan(output * Taps, Counts[output]);

    public static ResampleCoefficients Compute(int inSize, int outSize, ResampleKernel kernel)
    {
        // PIL passes the box edges as C floats; for whole-image resizes they are 0 and inSize, exact in float.
        var scale = (double)inSize / outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = kernel.Support * filterScale;
        var taps = ((int)Math.Ceiling(support) * 2) + 1;
        var inverseFilterScale = 1.0 / filterScale;

        var starts = new int[outSize];
        var counts = new int[outSize];
        var weights = new int[outSize * taps];
        var rawBuffer = new double[taps];

        for (var xx = 0; xx < outSize; xx++)
        {
            var center = (xx + 0.5) * scale;

            // C's (int) cast truncates toward zero; PIL relies on that for its "+ 0.5" rounding.
            var min = Math.Max((int)(center - support + 0.5), 0);
            var max = Math.Min((int)(center + support + 0.5), inSize) - min;

            var sum = 0.0;
            for (var x = 0; x < max; x++)
            {
                var w = kernel.Weight((x + min - center + 0.5) * inverseFilterScale);
                rawBuffer[x] = w;
                sum += w;
            }

            var fixedWeights = weights.AsSpan(xx * taps, taps);
            for (var x = 0; x < max; x++)
            {
                var w = sum != 0.0 ? rawBuffer[x] / sum : rawBuffer[x];
                fixedWeights[x] = ToFixed(w);
            }

            starts[xx] = min;
            counts[xx] = Math.Max(max, 0);
        }

        return new ResampleCoefficients(taps, starts, counts, weights);
    }

    private static int ToFixed(double weight) => weight < 0
        ? (int)(-0.5 + (weight * (1 << PrecisionBits)))
        : (int)(0.5 + (weight * (1 << PrecisionBits)));
}
