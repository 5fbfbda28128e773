using System.Buffers.Binary;
using System.IO.Compression;

namespace Maas.Vision.Tests;

/// <summary>Writes minimal PNGs by hand so tests control colour type, alpha and header dimensions exactly.</summary>
internal static class PngWriter
{
    public const byte Grayscale = 0;
    public const byte Rgb = 2;
    public const byte Rgba = 6;

    /// <summary>An 8-bit PNG from interleaved samples (1, 3 or 4 per pixel depending on the colour type).</summary>
    public static byte[] Encode(int width, int height, byte colorType, ReadOnlySpan<byte> samples)
    {
        var channels = colorType switch { Grayscale => 1, Rgb => 3, Rgba => 4, _ => throw new ArgumentOutOfRangeException(nameof(colorType)) };
        var stride = width * channels;
        var raw = new byte[height * (stride + 1)];
        for (var y = 0; y < height; y++)
        {
            // Filter byte 0 (None) before each row.
            samples.Slice(y * stride, stride).CopyTo(raw.AsSpan((y * (stride + 1)) + 1));
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        return Assemble(width, height, colorType, compressed.ToArray());
    }

    /// <summary>
    /// A grayscale PNG whose IHDR says <paramref name="width"/>×<paramref name="height"/> and whose IDAT is a valid
    /// zlib stream of all-zero rows, built directly as deflate matches so even 20000×20000 costs a few megabytes.
    /// </summary>
    public static byte[] EncodeBlackGrayscale(int width, int height) =>
        Assemble(width, height, Grayscale, ZerosZlib((long)height * (width + 1)));

    public static byte[] Assemble(int width, int height, byte colorType, ReadOnlySpan<byte> zlibData)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], height);
        ihdr[8] = 8;          // bit depth
        ihdr[9] = colorType;  // compression, filter and interlace stay 0
        WriteChunk(png, "IHDR"u8, ihdr);
        WriteChunk(png, "IDAT"u8, zlibData);
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = new byte[4 + data.Length];
        type.CopyTo(typed);
        data.CopyTo(typed.AsSpan(4));
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32.Compute(typed));
        png.Write(number);
    }

    // One fixed-Huffman deflate block: a literal 0, then back-references (distance 1) copying it.
    private static byte[] ZerosZlib(long count)
    {
        var bits = new BitWriter();
        bits.Write(1, 1);            // BFINAL
        bits.Write(1, 2);            // BTYPE 01: fixed Huffman codes
        bits.WriteHuffman(0x30, 8);  // literal 0
        var remaining = count - 1;
        while (remaining >= 258)
        {
            bits.WriteHuffman(0xC5, 8); // length code 285 = 258 bytes
            bits.WriteHuffman(0, 5);    // distance code 0 = 1 byte back
            remaining -= 258;
        }

        if (remaining >= 3)
        {
            // Lengths 3..10 are codes 257..264 without extra bits; larger remainders are split to stay in that range.
            while (remaining > 10)
            {
                bits.WriteHuffman(264 - 256, 7);
                bits.WriteHuffman(0, 5);
                remaining -= 10;
            }

            if (remaining >= 3)
            {
                bits.WriteHuffman((int)(remaining - 3 + 257 - 256), 7);
                bits.WriteHuffman(0, 5);
                remaining = 0;
            }
        }

        for (; remaining > 0; remaining--)
        {
            bits.WriteHuffman(0x30, 8);
        }

        bits.WriteHuffman(0, 7);     // end of block (256)
        var deflate = bits.ToArray();

        var zlib = new byte[2 + deflate.Length + 4];
        zlib[0] = 0x78;
        zlib[1] = 0x01;
        deflate.CopyTo(zlib, 2);

        // Adler-32 of zeros: a stays 1, b gains 1 per byte.
        var adler = ((uint)(count % 65521) << 16) | 1u;
        BinaryPrimitives.WriteUInt32BigEndian(zlib.AsSpan(2 + deflate.Length), adler);
        return zlib;
    }

    private sealed class BitWriter
    {
        private readonly MemoryStream _bytes = new();
        private ulong _pending;
        private int _used;

        // Deflate packs values least-significant bit first.
        public void Write(int value, int count)
        {
            _pending |= (ulong)(uint)value << _used;
            _used += count;
            while (_used >= 8)
            {
                _bytes.WriteByte((byte)_pending);
                _pending >>= 8;
                _used -= 8;
            }
        }

        // Huffman codes are packed most-significant bit first, so they are reversed before writing.
        public void WriteHuffman(int code, int length)
        {
            var reversed = 0;
            for (var i = 0; i < length; i++)
            {
                reversed = (reversed << 1) | ((code >> i) & 1);
            }

            Write(reversed, length);
        }

        public byte[] ToArray()
        {
            if (_used > 0)
            {
                _bytes.WriteByte((byte)_pending);
                _pending = 0;
                _used = 0;
            }

            return _bytes.ToArray();
        }
    }
}
