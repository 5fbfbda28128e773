namespace Maas.Vision;

/// <summary>
/// Resizes 8-bit RGB exactly as PIL's <c>Image.resize</c> does for "RGB" images (the path transformers takes):
/// identity when the size is unchanged, nearest via PIL's affine pixel lookup, every other filter as a
/// horizontal then a vertical pass with 22-bit fixed-point weights and rounding to uint8 between the passes.
/// Replicating the integer arithmetic (not just the filter shape) is what makes the output bit-identical:
/// PilResizeReferenceTests checks SHA-256 digests of Pillow 9.4's output for all six filters on down-, up- and
/// one-axis resizes. Pillow's optional <c>reducing_gap</c> pre-reduction is not implemented; transformers does
/// not pass it.
/// </summary>
internal static class PilResampler
{
    private const int Half = 1 << (ResampleCoefficients.PrecisionBits - 1);

    public static RgbImage Resize(RgbImage source, int width, int height, ResampleFilter filter)
    {
        if (width == source.Width && height == source.Height)
        {
            var copy = new RgbImage(width, height);
            source.Pixels.CopyTo(copy.Pixels);
            return copy;
        }

        if (filter == ResampleFilter.Nearest)
        {
            return NearestResampler.Resize(source, width, height);
        }

        var kernel = ResampleKernel.For(filter);
        var vertical = ResampleCoefficients.Compute(source.Height, height, kernel);
        var current = source;
        RgbImage? intermediate = null;
        var rowOffset = 0;

        if (width != source.Width)
        {
            // Only the source rows the vertical pass will read are resampled horizontally.
            var firstRow = vertical.Starts[0];
            var lastRow = vertical.Starts[height - 1] + vertical.Counts[height - 1];
            var horizontal = ResampleCoefficients.Compute(source.Width, width, kernel);
            intermediate = new RgbImage(width, lastRow - firstRow);
            HorizontalPass(source, intermediate, firstRow, horizontal);
            current = intermediate;
            rowOffset = firstRow;
        }

        if (height == source.Height)
        {
            return intermediate!;
        }

        try
        {
            var output = new RgbImage(width, height);
            VerticalPass(current, output, rowOffset, vertical);
            return output;
        }
        finally
        {
            intermediate?.Dispose();
        }
    }

    private static void HorizontalPass(RgbImage source, RgbImage target, int firstRow, ResampleCoefficients coefficients)
    {
        for (var y = 0; y < target.Height; y++)
        {
            ReadOnlySpan<byte> input = source.Row(y + firstRow);
            var output = target.Row(y);
            for (var xx = 0; xx < target.Width; xx++)
            {
                var weights = coefficients.WeightsOf(xx);
                var from = coefficients.Starts[xx] * 3;
                int r = Half, g = Half, b = Half;
                for (var t = 0; t < weights.Length; t++, from += 3)
                {
                    var k = weights[t];
                    r += input[from] * k;
                    g += input[from + 1] * k;
                    b += input[from + 2] * k;
                }

                output[xx * 3] = Clip(r);
                output[(xx * 3) + 1] = Clip(g);
                output[(xx * 3) + 2] = Clip(b);
            }
        }
    }

    private static void VerticalPass(RgbImage source, RgbImage target, int rowOffset, ResampleCoefficients coefficients)
    {
        // Accumulate whole rows so the source is read sequentially; integer sums do not depend on the order.
        var sums = new int[target.Width * 3];
        for (var yy = 0; yy < target.Height; yy++)
        {
            sums.AsSpan().Fill(Half);
            var weights = coefficients.WeightsOf(yy);
            var first = coefficients.Starts[yy] - rowOffset;
            for (var t = 0; t < weights.Length; t++)
            {
                ReadOnlySpan<byte> input = source.Row(first + t);
                var k = weights[t];
                for (var i = 0; i < sums.Length; i++)
                {
                    sums[i] += input[i] * k;
                }
            }

            var output = target.Row(yy);
            for (var i = 0; i < sums.Length; i++)
            {
                output[i] = Clip(sums[i]);
            }
        }
    }

    // PIL's clip8: drop the fraction bits (arithmetic shift) and clamp to a byte.
    private static byte Clip(int sum) => (byte)Math.Clamp(sum >> ResampleCoefficients.PrecisionBits, 0, 255);
}
