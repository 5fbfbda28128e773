namespace Maas.Vision.Tests;

public sealed class PilResamplerTests
{
    [Fact]
    public void Resize_Bilinear64To32Stripes_MatchesHandDerivedPilWeights()
    {
        // R = 255 on odd columns, G = 255 on odd rows, B = 77 everywhere.
        using var source = Fill(64, 64, (x, y) => ((byte)(x % 2 * 255), (byte)(y % 2 * 255), (byte)77));

        using var output = PilResampler.Resize(source, 32, 32, ResampleFilter.Bilinear);

        // PIL stretches the triangle filter by the scale (2), so an inner output pixel centred at source 2i+1 reads
        // source pixels 2i-1..2i+2 with weights 1/8, 3/8, 3/8, 1/8 (not a 2x2 box average): 255 * (1 + 3) / 8 = 127.5,
        // which the fixed-point half-up rounding makes 128. At the borders the filter is cut and renormalised:
        // column 0 reads 0..2 with 3/7, 3/7, 1/7 -> 255 * 3/7 = 109.3 -> 109; column 31 reads 61..63 with
        // 1/7, 3/7, 3/7 -> 255 * 4/7 = 145.7 -> 146.
        byte[] expected = [109, .. Enumerable.Repeat((byte)128, 30), 146];
        for (var i = 0; i < 32; i++)
        {
            for (var j = 0; j < 32; j++)
            {
                var row = output.Row(j);
                Assert.Equal(expected[i], row[i * 3]);           // R varies along x
                Assert.Equal(expected[j], row[(i * 3) + 1]);     // G varies along y
                Assert.Equal(77, row[(i * 3) + 2]);              // a constant stays exact
            }
        }
    }

    [Theory]
    [InlineData(ResampleFilter.Bilinear, 20)]
    [InlineData(ResampleFilter.Bilinear, 150)]
    [InlineData(ResampleFilter.Box, 23)]
    [InlineData(ResampleFilter.Hamming, 37)]
    [InlineData(ResampleFilter.Bicubic, 20)]
    [InlineData(ResampleFilter.Bicubic, 150)]
    [InlineData(ResampleFilter.Lanczos, 20)]
    [InlineData(ResampleFilter.Lanczos, 150)]
    [InlineData(ResampleFilter.Nearest, 45)]
    public void Resize_HorizontalGradient_StaysMonotoneAndRowIndependent(ResampleFilter filter, int width)
    {
        using var source = Fill(64, 8, (x, _) => ((byte)(x * 4), (byte)(255 - (x * 4)), (byte)x));

        using var output = PilResampler.Resize(source, width, 5, filter);

        Assert.Equal((width, 5), (output.Width, output.Height));
        for (var y = 0; y < 5; y++)
        {
            var row = output.Row(y);
            Assert.True(row.SequenceEqual(output.Row(0)), "every row of a vertically constant image must match");
            for (var x = 1; x < width; x++)
            {
                Assert.True(row[x * 3] >= row[(x - 1) * 3], $"R not increasing at {x}");
                Assert.True(row[(x * 3) + 1] <= row[((x - 1) * 3) + 1], $"G not decreasing at {x}");
            }
        }

        Assert.True(output.Row(0)[0] < 40 && output.Row(0)[(width - 1) * 3] > 215, "the range must be kept");
    }

    [Fact]
    public void Resize_SameSize_ReturnsIdenticalPixels()
    {
        using var source = Fill(7, 5, (x, y) => ((byte)(x * 30), (byte)(y * 50), (byte)(x ^ y)));
        using var output = PilResampler.Resize(source, 7, 5, ResampleFilter.Lanczos);
        Assert.Equal(source.Pixels.ToArray(), output.Pixels.ToArray());
    }

    [Fact]
    public void Resize_NearestDownscale_SamplesPixelCentres()
    {
        // PIL maps output x to source floor((x + 0.5) * in / out): 6 -> 4 reads columns 0, 2, 3, 5.
        using var source = Fill(6, 1, (x, _) => ((byte)(x * 10), 0, 0));
        using var output = PilResampler.Resize(source, 4, 1, ResampleFilter.Nearest);
        Assert.Equal(new byte[] { 0, 20, 30, 50 }, Enumerable.Range(0, 4).Select(x => output.Row(0)[x * 3]).ToArray());
    }

    [Fact]
    public void Resize_OnlyHeightChanges_LeavesColumnsUnfiltered()
    {
        // PIL skips the horizontal pass when the width is unchanged; the column pattern must survive as is.
        using var source = Fill(4, 8, (x, _) => ((byte)(x * 80), 0, 0));
        using var output = PilResampler.Resize(source, 4, 3, ResampleFilter.Bicubic);
        for (var y = 0; y < 3; y++)
        {
            Assert.Equal(new byte[] { 0, 80, 160, 240 }, Enumerable.Range(0, 4).Select(x => output.Row(y)[x * 3]).ToArray());
        }
    }

    internal static RgbImage Fill(int width, int height, Func<int, int, (byte R, byte G, byte B)> pixel)
    {
        var image = new RgbImage(width, height);
        for (var y = 0; y < height; y++)
        {
            var row = image.Row(y);
            for (var x = 0; x < width; x++)
            {
                (row[x * 3], row[(x * 3) + 1], row[(x * 3) + 2]) = pixel(x, y);
            }
        }

        return image;
    }
}
