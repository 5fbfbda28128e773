namespace Maas.Vision;

/// <summary>
/// PIL's nearest-neighbour resize (<c>ImagingScaleAffine</c>): sample at pixel centres, stepping the source
/// coordinate by repeated addition in double precision exactly as PIL does, so rounding lands identically.
/// </summary>
internal static class NearestResampler
{
    public static RgbImage Resize(RgbImage source, int width, int height)
    {
        var columns = SourceIndices(source.Width, width);
        var rows = SourceIndices(source.Height, height);
        var output = new RgbImage(width, height);
        output.Pixels.Clear();

        for (var y = 0; y < height; y++)
        {
            if (rows[y] < 0)
            {
                continue;
            }

            ReadOnlySpan<byte> input = source.Row(rows[y]);
            var target = output.Row(y);
            for (var x = 0; x < width; x++)
            {
                var from = columns[x];
                if (from >= 0)
                {
                    input.Slice(from * 3, 3).CopyTo(target.Slice(x * 3, 3));
                }
            }
        }

        return output;
    }

    // -1 marks a position PIL leaves at its zero fill (only reachable through accumulated rounding).
    private static int[] SourceIndices(int inSize, int outSize)
    {
        var step = (double)inSize / outSize;
        var position = step * 0.5;
        var indices = new int[outSize];
        for (var i = 0; i < outSize; i++)
        {
            var index = (int)position;
            indices[i] = index < inSize ? index : -1;
            position += step;
        }

        return indices;
    }
}
