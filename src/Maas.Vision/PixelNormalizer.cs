namespace Maas.Vision;

/// <summary>
/// Rescale then normalise, as transformers does it: <c>float32(pixel * rescale_factor)</c> computed in double
/// (numpy's float64 multiply, then astype(float32)), then <c>(x - mean) / std</c> in float32. A byte has only
/// 256 values, so each channel's results are precomputed once.
/// </summary>
internal sealed class PixelNormalizer
{
    private readonly float[][] _lookup;

    public PixelNormalizer(ImagePreprocessorConfig config)
    {
        _lookup = new float[3][];
        for (var c = 0; c < 3; c++)
        {
            var table = new float[256];
            for (var v = 0; v < 256; v++)
            {
                var x = config.DoRescale ? (float)(v * config.RescaleFactor) : v;
                table[v] = config.DoNormalize ? (x - config.ImageMean[c]) / config.ImageStd[c] : x;
            }

            _lookup[c] = table;
        }
    }

    /// <summary>Writes the image channel-first (RGB planes of height × width).</summary>
    public void WriteChw(RgbImage image, Span<float> destination)
    {
        var plane = image.Width * image.Height;
        ReadOnlySpan<byte> pixels = image.Pixels;
        for (var c = 0; c < 3; c++)
        {
            var table = _lookup[c];
            var output = destination.Slice(c * plane, plane);
            for (var i = 0; i < plane; i++)
            {
                output[i] = table[pixels[(i * 3) + c]];
            }
        }
    }
}
