using SkiaSharp;

namespace Maas.Vision.Tests;

public sealed class ImagePreprocessorTests
{
    // Rescale and normalise off: the output floats are the pixel bytes, which makes geometry easy to check.
    private static readonly ImagePreprocessorConfig RawPixels = new() { DoRescale = false, DoNormalize = false };

    [Fact]
    public void Constructor_ShortestEdgeWithoutCrop_ThrowsBecauseShapeWouldVary()
    {
        var config = new ImagePreprocessorConfig { Size = ImageSize.Shortest(224) };
        var ex = Assert.Throws<ImageConfigException>(() => new ImagePreprocessor(config, ImageLimits.Default));
        Assert.Equal("size", ex.Field);
    }

    [Fact]
    public void Constructor_TwoChannelMean_ThrowsNamingImageMean()
    {
        var config = new ImagePreprocessorConfig { ImageMean = [0.5f, 0.5f] };
        var ex = Assert.Throws<ImageConfigException>(() => new ImagePreprocessor(config, ImageLimits.Default));
        Assert.Equal("image_mean", ex.Field);
    }

    [Fact]
    public void Constructor_ConvNextConfig_OutputsShortestEdgeSquare()
    {
        var config = new ImagePreprocessorConfig { Size = ImageSize.Shortest(224), CropPct = 0.875 };
        var preprocessor = new ImagePreprocessor(config, ImageLimits.Default);
        Assert.Equal((3, 224, 224, 3 * 224 * 224), (preprocessor.Channels, preprocessor.Height, preprocessor.Width, preprocessor.OutputLength));
    }

    [Fact]
    public void Preprocess_ConvNextCrop_TakesTheCentreAfterResize()
    {
        // 64x32 image, shortest edge 16 at crop_pct 0.5: the short side resizes to int(16 / 0.5) = 32 (unchanged),
        // then the 16x16 centre crop starts at top (32 - 16) // 2 = 8, left (64 - 16) // 2 = 24.
        var png = Encode(64, 32, (x, y) => ((byte)x, (byte)y, 0));
        var preprocessor = new ImagePreprocessor(RawPixels with { Size = ImageSize.Shortest(16), CropPct = 0.5 }, ImageLimits.Default);
        var output = new float[preprocessor.OutputLength];

        preprocessor.Preprocess(png, output);

        Assert.Equal(24f, output[0]);                  // R plane, (0, 0) = source x 24
        Assert.Equal(39f, output[15]);                 // R plane, (15, 0) = source x 39
        Assert.Equal(8f, output[256]);                 // G plane, (0, 0) = source y 8
        Assert.Equal(23f, output[256 + (15 * 16)]);    // G plane, (0, 15) = source y 23
    }

    [Fact]
    public void Preprocess_ShortestEdgeThenCenterCrop_ResizesAndCrops()
    {
        var png = Encode(48, 24, (x, _) => ((byte)(x * 5), 0, 0));
        var config = RawPixels with
        {
            Size = ImageSize.Shortest(12), DoCenterCrop = true, CropSize = ImageSize.Exact(12, 12),
            Resample = ResampleFilter.Nearest,
        };
        var preprocessor = new ImagePreprocessor(config, ImageLimits.Default);
        var output = new float[preprocessor.OutputLength];

        preprocessor.Preprocess(png, output);

        // 48x24 -> 24x12 by nearest samples centres 1, 3, 5, ...; the 12-wide crop starts at (24 - 12) // 2 = 6: source x 13.
        Assert.Equal(13 * 5, output[0]);
        Assert.Equal(35 * 5, output[11]);
    }

    [Fact]
    public void Preprocess_RescaleAndNormalize_AppliesPerChannelMeanAndStdInFloat32()
    {
        var png = Encode(2, 2, (_, _) => (200, 100, 0));
        var config = new ImagePreprocessorConfig
        {
            Size = ImageSize.Exact(2, 2), ImageMean = [0.485f, 0.456f, 0.406f], ImageStd = [0.229f, 0.224f, 0.225f],
        };
        var preprocessor = new ImagePreprocessor(config, ImageLimits.Default);
        var output = new float[preprocessor.OutputLength];

        preprocessor.Preprocess(png, output);

        Assert.Equal(((float)(200 * (1 / 255.0)) - 0.485f) / 0.229f, output[0]);
        Assert.Equal(((float)(100 * (1 / 255.0)) - 0.456f) / 0.224f, output[4]);
        Assert.Equal((0f - 0.406f) / 0.225f, output[8]);
        Assert.Equal(output[8], output[11]);
    }

    [Fact]
    public void Preprocess_DestinationTooSmall_ThrowsBeforeDecoding()
    {
        var preprocessor = new ImagePreprocessor(new ImagePreprocessorConfig(), ImageLimits.Default);
        Assert.Throws<ArgumentException>(() => preprocessor.Preprocess([1, 2, 3], new float[10]));
    }

    [Fact]
    public void Preprocess_EmptyImage_ThrowsDecodeException()
    {
        var preprocessor = new ImagePreprocessor(new ImagePreprocessorConfig(), ImageLimits.Default);
        var ex = Assert.Throws<ImageDecodeException>(() => preprocessor.Preprocess([], new float[preprocessor.OutputLength]));
        Assert.Equal(ImageErrorKind.Empty, ex.Kind);
    }

    private static byte[] Encode(int width, int height, Func<int, int, (byte R, byte G, byte B)> pixel)
    {
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 3;
                (rgb[i], rgb[i + 1], rgb[i + 2]) = pixel(x, y);
            }
        }

        return TestImages.EncodeWithSkia(width, height, rgb, SKEncodedImageFormat.Png);
    }
}
