using System.Buffers;

namespace Maas.Vision;

/// <summary>
/// 8-bit interleaved RGB pixels (row-major, 3 bytes per pixel) in a pooled buffer: the working format between
/// decoding and normalisation, matching PIL's "RGB" mode. Dispose returns the buffer.
/// </summary>
internal sealed class RgbImage : IDisposable
{
    private byte[]? _buffer;

    public RgbImage(int width, int height)
    {
        Width = width;
        Height = height;
        _buffer = ArrayPool<byte>.Shared.Rent(checked(width * height * 3));
    }

    public int Width { get; }

    public int Height { get; }

    public Span<byte> Pixels => _buffer.AsSpan(0, Width * Height * 3);

    public Span<byte> Row(int y) => _buffer.AsSpan(y * Width * 3, Width * 3);

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
