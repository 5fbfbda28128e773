using SkiaSharp;

namespace Maas.Vision;

/// <summary>
/// Applies the EXIF orientation Skia reports (what PIL's <c>ImageOps.exif_transpose</c> does in transformers'
/// <c>load_image</c>) while dropping alpha, so the stored pixels are read exactly once.
/// </summary>
internal static class ExifOrientation
{
    public static RgbImage ToUprightRgb(ReadOnlySpan<byte> rgba, int width, int height, SKEncodedOrigin origin)
    {
        var swapsAxes = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop
            or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var image = swapsAxes ? new RgbImage(height, width) : new RgbImage(width, height);
        var rgb = image.Pixels;
        var outWidth = image.Width;

        if (origin == SKEncodedOrigin.TopLeft)
        {
            // The common case: a straight copy without the per-pixel mapping.
            for (int from = 0, to = 0; to < rgb.Length; from += 4, to += 3)
            {
                rgb[to] = rgba[from];
                rgb[to + 1] = rgba[from + 1];
                rgb[to + 2] = rgba[from + 2];
            }

            return image;
        }

        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < outWidth; x++)
            {
                var (sx, sy) = Source(origin, x, y, width, height);
                var from = ((sy * width) + sx) * 4;
                var to = ((y * outWidth) + x) * 3;
                rgb[to] = rgba[from];
                rgb[to + 1] = rgba[from + 1];
                rgb[to + 2] = rgba[from + 2];
            }
        }

        return image;
    }

    // Maps an upright (display) pixel to the stored pixel it shows; w and h are the stored dimensions.
    private static (int X, int Y) Source(SKEncodedOrigin origin, int x, int y, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => (w - 1 - x, y),                 // 2: mirrored horizontally
        SKEncodedOrigin.BottomRight => (w - 1 - x, h - 1 - y),      // 3: rotated 180°
        SKEncodedOrigin.BottomLeft => (x, h - 1 - y),               // 4: mirrored vertically
        SKEncodedOrigin.LeftTop => (y, x),                          // 5: transposed
        SKEncodedOrigin.RightTop => (y, h - 1 - x),                 // 6: shown rotated 90° clockwise
        SKEncodedOrigin.RightBottom => (w - 1 - y, h - 1 - x),      // 7: transversed
        SKEncodedOrigin.LeftBottom => (w - 1 - y, x),               // 8: shown rotated 90° anticlockwise
        _ => (x, y),                                                // 1: as stored
    };
}
