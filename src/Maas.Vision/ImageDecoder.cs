using System.Buffers;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace Maas.Vision;

/// <summary>
/// Encoded bytes → upright 8-bit RGB, the way transformers' <c>load_image</c> + <c>convert("RGB")</c> see them:
/// EXIF orientation applied, alpha discarded without compositing, grey replicated, no colour management.
/// Limits are checked from the header before any pixel memory exists.
/// </summary>
internal static class ImageDecoder
{
    public static RgbImage Decode(ReadOnlySpan<byte> encoded, ImageLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (encoded.IsEmpty)
        {
            throw new ImageDecodeException(ImageErrorKind.Empty, "the image is empty");
        }

        if (encoded.Length > limits.MaxBytes)
        {
            throw new ImageDecodeException(ImageErrorKind.TooLarge,
                $"the image is {encoded.Length} bytes; the limit is {limits.MaxBytes}");
        }

        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data) ?? throw Unreadable(encoded);
        if (!IsAccepted(codec.EncodedFormat))
        {
            throw new ImageDecodeException(ImageErrorKind.UnsupportedFormat,
                $"{codec.EncodedFormat} images are not accepted; send PNG, JPEG, WebP, BMP or GIF");
        }

        // SKCodec.Create parsed only the header: refuse oversized images before allocating a single row.
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0)
        {
            throw new ImageDecodeException(ImageErrorKind.Undecodable, "the image has no pixels");
        }

        if ((long)width * height > limits.MaxPixels)
        {
            throw new ImageDecodeException(ImageErrorKind.TooManyPixels,
                $"the image is {width}x{height} pixels; the limit is {limits.MaxPixels} pixels");
        }

        return DecodePixels(codec, width, height);
    }

    private static RgbImage DecodePixels(SKCodec codec, int width, int height)
    {
        // Unpremultiplied RGBA with no colour space: Skia neither premultiplies (which would darken translucent
        // pixels) nor converts ICC/gAMA colours, matching PIL's convert("RGB").
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var byteCount = info.BytesSize;
        var rgba = ArrayPool<byte>.Shared.Rent(byteCount);
        var pin = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        try
        {
            // A GIF frame may cover only part of the canvas; a reused buffer must not leak into the rest.
            Array.Clear(rgba, 0, byteCount);
            var result = codec.GetPixels(info, pin.AddrOfPinnedObject());
            if (result != SKCodecResult.Success)
            {
                // PIL refuses truncated files too (unless LOAD_TRUNCATED_IMAGES), so IncompleteInput is an error.
                throw new ImageDecodeException(ImageErrorKind.Undecodable, $"the image could not be decoded ({result})");
            }

            return ExifOrientation.ToUprightRgb(rgba.AsSpan(0, byteCount), width, height, codec.EncodedOrigin);
        }
        finally
        {
            pin.Free();
            ArrayPool<byte>.Shared.Return(rgba);
        }
    }

    private static bool IsAccepted(SKEncodedImageFormat format) => format is SKEncodedImageFormat.Png
        or SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Webp or SKEncodedImageFormat.Bmp or SKEncodedImageFormat.Gif;

    private static ImageDecodeException Unreadable(ReadOnlySpan<byte> encoded) =>
        ImageFormatSniffer.IsKnownUnsupported(encoded)
            ? new ImageDecodeException(ImageErrorKind.UnsupportedFormat,
                "this image format is not accepted; send PNG, JPEG, WebP, BMP or GIF")
            : new ImageDecodeException(ImageErrorKind.Undecodable, "the bytes are not a readable image");
}
