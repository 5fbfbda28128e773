using System.Buffers.Binary;
using SkiaSharp;

namespace Maas.Vision.Tests;

/// <summary>Small images in every accepted format, written by Skia's encoders or by hand where Skia cannot encode.</summary>
internal static class TestImages
{
    /// <summary>Encodes RGB pixels (3 bytes each) with Skia: PNG, JPEG (quality 100) or lossless WebP.</summary>
    public static byte[] EncodeWithSkia(int width, int height, ReadOnlySpan<byte> rgb, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var pixels = bitmap.GetPixelSpan();
        for (var i = 0; i < width * height; i++)
        {
            pixels[i * 4] = rgb[i * 3];
            pixels[(i * 4) + 1] = rgb[(i * 3) + 1];
            pixels[(i * 4) + 2] = rgb[(i * 3) + 2];
            pixels[(i * 4) + 3] = 255;
        }

        using var pixmap = bitmap.PeekPixels();
        using var data = format == SKEncodedImageFormat.Webp
            ? pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossless, 100))
            : pixmap.Encode(format, 100);
        return data?.ToArray() ?? throw new InvalidOperationException($"Skia could not encode {format}");
    }

    /// <summary>A 24-bit bottom-up BMP (BITMAPINFOHEADER, BI_RGB).</summary>
    public static byte[] Bmp(int width, int height, ReadOnlySpan<byte> rgb)
    {
        var stride = ((width * 3) + 3) & ~3;
        var file = new byte[54 + (stride * height)];
        var span = file.AsSpan();
        span[0] = (byte)'B';
        span[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(span[2..], file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[10..], 54);
        BinaryPrimitives.WriteInt32LittleEndian(span[14..], 40);
        BinaryPrimitives.WriteInt32LittleEndian(span[18..], width);
        BinaryPrimitives.WriteInt32LittleEndian(span[22..], height);
        BinaryPrimitives.WriteInt16LittleEndian(span[26..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[28..], 24);
        BinaryPrimitives.WriteInt32LittleEndian(span[34..], stride * height);
        for (var y = 0; y < height; y++)
        {
            var row = span.Slice(54 + ((height - 1 - y) * stride));
            for (var x = 0; x < width; x++)
            {
                var from = ((y * width) + x) * 3;
                row[x * 3] = rgb[from + 2];
                row[(x * 3) + 1] = rgb[from + 1];
                row[(x * 3) + 2] = rgb[from];
            }
        }

        return file;
    }

    /// <summary>
    /// A GIF89a with a 4-colour global palette, then a second frame. The LZW stream emits a clear code before every
    /// pixel, so the code width stays 3 bits and no compression logic is needed.
    /// </summary>
    public static byte[] Gif(int width, int height, ReadOnlySpan<byte> palette, ReadOnlySpan<byte> indices, byte secondFrameIndex)
    {
        using var gif = new MemoryStream();
        gif.Write("GIF89a"u8);
        WriteUInt16(gif, width);
        WriteUInt16(gif, height);
        gif.Write([0x91, 0, 0]);        // global table of 4 colours, background 0, no aspect ratio
        gif.Write(palette[..12]);
        WriteFrame(gif, width, height, indices);

        var second = new byte[width * height];
        Array.Fill(second, secondFrameIndex);
        WriteFrame(gif, width, height, second);
        gif.WriteByte(0x3B);
        return gif.ToArray();
    }

    /// <summary>Inserts an APP1 Exif segment holding only an Orientation tag right after the JPEG's SOI marker.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] segment =
        [
            0xFF, 0xE1, 0x00, 0x22,                          // APP1, length 34 (includes these two bytes)
            (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
            (byte)'M', (byte)'M', 0x00, 0x2A, 0, 0, 0, 8,    // big-endian TIFF header, IFD0 at offset 8
            0x00, 0x01,                                      // one entry
            0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1,              // tag 0x0112 Orientation, SHORT, count 1
            (byte)(orientation >> 8), (byte)orientation, 0, 0,
            0, 0, 0, 0,                                      // no next IFD
        ];
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }

    private static void WriteFrame(Stream gif, int width, int height, ReadOnlySpan<byte> indices)
    {
        gif.WriteByte(0x2C);
        WriteUInt16(gif, 0);
        WriteUInt16(gif, 0);
        WriteUInt16(gif, width);
        WriteUInt16(gif, height);
        gif.WriteByte(0);               // no local table, not interlaced
        gif.WriteByte(2);               // LZW minimum code size: clear = 4, end = 5, codes are 3 bits

        var packed = new List<byte>();
        int current = 0, used = 0;
        void Code(int code)
        {
            current |= code << used;
            used += 3;
            while (used >= 8)
            {
                packed.Add((byte)current);
                current >>= 8;
                used -= 8;
            }
        }

        foreach (var index in indices)
        {
            Code(4);
            Code(index);
        }

        Code(5);
        if (used > 0)
        {
            packed.Add((byte)current);
        }

        for (var i = 0; i < packed.Count; i += 255)
        {
            var length = Math.Min(255, packed.Count - i);
            gif.WriteByte((byte)length);
            gif.Write(packed.GetRange(i, length).ToArray());
        }

        gif.WriteByte(0);
    }

    private static void WriteUInt16(Stream stream, int value)
    {
        stream.WriteByte((byte)value);
        stream.WriteByte((byte)(value >> 8));
    }
}
