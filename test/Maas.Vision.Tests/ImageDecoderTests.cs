using Maas.Testing;
using SkiaSharp;

namespace Maas.Vision.Tests;

public sealed class ImageDecoderTests
{
    private static readonly byte[] Red = [255, 0, 0];
    private static readonly byte[] Blue = [0, 0, 255];
    private static readonly byte[] Green = [0, 255, 0];
    private static readonly byte[] White = [255, 255, 255];

    [Fact]
    public void Decode_EmptyBytes_ThrowsEmpty()
    {
        var ex = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode([], ImageLimits.Default));
        Assert.Equal(ImageErrorKind.Empty, ex.Kind);
    }

    [Fact]
    public void Decode_MoreBytesThanLimit_ThrowsTooLarge()
    {
        var png = CifarPng();
        var ex = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(png, new ImageLimits(MaxBytes: png.Length - 1)));
        Assert.Equal(ImageErrorKind.TooLarge, ex.Kind);

        using var image = ImageDecoder.Decode(png, new ImageLimits(MaxBytes: png.Length));
        Assert.Equal(32, image.Width);
    }

    [Fact]
    public void Decode_PixelLimit_ComparesWidthTimesHeight()
    {
        var png = CifarPng();
        var ex = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(png, new ImageLimits(MaxPixels: (32 * 32) - 1)));
        Assert.Equal(ImageErrorKind.TooManyPixels, ex.Kind);

        using var image = ImageDecoder.Decode(png, new ImageLimits(MaxPixels: 32 * 32));
        Assert.Equal(32, image.Height);
    }

    [Fact]
    public void Decode_20000By20000Png_RefusedFromHeaderWithoutAllocatingPixels()
    {
        // A valid PNG of 400 million black pixels in ~2.5 MB; decoding it would need 1.6 GB of RGBA.
        var png = PngWriter.EncodeBlackGrayscale(20_000, 20_000);
        Assert.True(png.Length < ImageLimits.DefaultMaxBytes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(png, ImageLimits.Default));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(ImageErrorKind.TooManyPixels, ex.Kind);
        Assert.Contains("20000x20000", ex.Message, StringComparison.Ordinal);
        Assert.True(allocated < 1_000_000, $"refusal allocated {allocated} bytes");
    }

    [Fact]
    public void Decode_HandBuiltZeroPng_IsAValidBlackImage()
    {
        // The same generator as the 20000x20000 case, small enough to decode: proves its zlib stream is valid.
        using var image = ImageDecoder.Decode(PngWriter.EncodeBlackGrayscale(300, 200), ImageLimits.Default);
        Assert.Equal((300, 200), (image.Width, image.Height));
        Assert.True(image.Pixels.IndexOfAnyExcept((byte)0) < 0);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("flipped")]
    [InlineData("garbage")]
    public void Decode_CorruptBytes_ThrowsUndecodable(string damage)
    {
        var png = CifarPng();
        byte[] bytes = damage switch
        {
            "truncated" => png[..(png.Length / 2)],
            "flipped" => [.. png[..60], .. png[60..^20].Select(b => (byte)~b), .. png[^20..]],
            _ => "this is not an image at all"u8.ToArray(),
        };

        var ex = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(bytes, ImageLimits.Default));
        Assert.Equal(ImageErrorKind.Undecodable, ex.Kind);
    }

    [Fact]
    public void Decode_TiffBytes_ThrowsUnsupportedFormat()
    {
        byte[] tiff = [(byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        var ex = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(tiff, ImageLimits.Default));
        Assert.Equal(ImageErrorKind.UnsupportedFormat, ex.Kind);
    }

    // Stored image: 64x32, quadrants red | blue over green | white. Expected upright quadrants (TL, TR, BL, BR),
    // derived from the EXIF definitions, e.g. 6 = "rotate 90° clockwise to view": stored top-left lands top-right.
    [Theory]
    [InlineData(1, "red", "blue", "green", "white")]
    [InlineData(2, "blue", "red", "white", "green")]
    [InlineData(3, "white", "green", "blue", "red")]
    [InlineData(4, "green", "white", "red", "blue")]
    [InlineData(5, "red", "green", "blue", "white")]
    [InlineData(6, "green", "red", "white", "blue")]
    [InlineData(7, "white", "blue", "green", "red")]
    [InlineData(8, "blue", "white", "red", "green")]
    public void Decode_JpegWithExifOrientation_ReturnsUprightPixels(int orientation, string tl, string tr, string bl, string br)
    {
        var jpeg = TestImages.EncodeWithSkia(64, 32, Quadrants(64, 32, Red, Blue, Green, White), SKEncodedImageFormat.Jpeg);
        using var image = ImageDecoder.Decode(TestImages.WithExifOrientation(jpeg, (ushort)orientation), ImageLimits.Default);

        var swapped = orientation >= 5;
        Assert.Equal(swapped ? (32, 64) : (64, 32), (image.Width, image.Height));
        var (qw, qh) = (image.Width / 2, image.Height / 2);
        AssertColor(tl, image, qw / 2, qh / 2, tolerance: 8);
        AssertColor(tr, image, qw + (qw / 2), qh / 2, tolerance: 8);
        AssertColor(bl, image, qw / 2, qh + (qh / 2), tolerance: 8);
        AssertColor(br, image, qw + (qw / 2), qh + (qh / 2), tolerance: 8);
    }

    [Fact]
    public void Decode_GrayscalePng_ReplicatesGreyIntoRgb()
    {
        var png = PngWriter.Encode(3, 1, PngWriter.Grayscale, [0, 77, 200]);
        using var image = ImageDecoder.Decode(png, ImageLimits.Default);
        Assert.Equal(new byte[] { 0, 0, 0, 77, 77, 77, 200, 200, 200 }, image.Pixels.ToArray());
    }

    [Fact]
    public void Decode_TranslucentPng_KeepsUnpremultipliedRgbAndDropsAlpha()
    {
        // PIL's convert("RGB") discards alpha without compositing, even for fully transparent pixels.
        var png = PngWriter.Encode(3, 1, PngWriter.Rgba, [200, 100, 50, 128, 10, 20, 30, 0, 1, 2, 3, 255]);
        using var image = ImageDecoder.Decode(png, ImageLimits.Default);
        Assert.Equal(new byte[] { 200, 100, 50, 10, 20, 30, 1, 2, 3 }, image.Pixels.ToArray());
    }

    [Theory]
    [InlineData("png", 0)]
    [InlineData("webp", 0)]
    [InlineData("bmp", 0)]
    [InlineData("gif", 0)]
    [InlineData("jpeg", 6)]
    public void Decode_EachFormat_ReturnsItsPixels(string format, int tolerance)
    {
        var rgb = Quadrants(16, 16, Red, Blue, Green, White);
        var bytes = format switch
        {
            "png" => TestImages.EncodeWithSkia(16, 16, rgb, SKEncodedImageFormat.Png),
            "webp" => TestImages.EncodeWithSkia(16, 16, rgb, SKEncodedImageFormat.Webp),
            "jpeg" => TestImages.EncodeWithSkia(16, 16, rgb, SKEncodedImageFormat.Jpeg),
            "bmp" => TestImages.Bmp(16, 16, rgb),
            _ => QuadrantGif(secondFrameIndex: 0),
        };

        using var image = ImageDecoder.Decode(bytes, ImageLimits.Default);

        Assert.Equal((16, 16), (image.Width, image.Height));
        if (tolerance == 0)
        {
            Assert.Equal(rgb, image.Pixels.ToArray());
        }

        AssertColor("red", image, 3, 3, tolerance);
        AssertColor("blue", image, 11, 3, tolerance);
        AssertColor("green", image, 3, 11, tolerance);
        AssertColor("white", image, 11, 11, tolerance);
    }

    [Fact]
    public void Decode_AnimatedGif_ReturnsFirstFrame()
    {
        // The second frame paints everything white; only the first frame may be returned.
        using var image = ImageDecoder.Decode(QuadrantGif(secondFrameIndex: 3), ImageLimits.Default);
        AssertColor("red", image, 3, 3, tolerance: 0);
        AssertColor("green", image, 3, 11, tolerance: 0);
    }

    private static byte[] CifarPng() => File.ReadAllBytes(SharedModels.PathOf("cnn-cifar10", "images", "airplane.png"));

    private static byte[] QuadrantGif(byte secondFrameIndex)
    {
        var indices = new byte[16 * 16];
        for (var y = 0; y < 16; y++)
        {
            for (var x = 0; x < 16; x++)
            {
                indices[(y * 16) + x] = (byte)((y < 8 ? 0 : 2) + (x < 8 ? 0 : 1));
            }
        }

        byte[] palette = [.. Red, .. Blue, .. Green, .. White];
        return TestImages.Gif(16, 16, palette, indices, secondFrameIndex);
    }

    private static byte[] Quadrants(int width, int height, byte[] tl, byte[] tr, byte[] bl, byte[] br)
    {
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var colour = y < height / 2 ? (x < width / 2 ? tl : tr) : (x < width / 2 ? bl : br);
                colour.CopyTo(rgb, ((y * width) + x) * 3);
            }
        }

        return rgb;
    }

    private static void AssertColor(string name, RgbImage image, int x, int y, int tolerance)
    {
        var expected = name switch { "red" => Red, "blue" => Blue, "green" => Green, _ => White };
        var actual = image.Row(y).Slice(x * 3, 3).ToArray();
        for (var c = 0; c < 3; c++)
        {
            Assert.True(Math.Abs(expected[c] - actual[c]) <= tolerance,
                $"pixel ({x},{y}) should be {name}, got ({actual[0]},{actual[1]},{actual[2]})");
        }
    }
}
