using System.Buffers;
using System.Text.Json;

namespace Maas.Server.Hosting;

/// <summary>
/// A response body written as JSON into a buffer rented from the shared pool, for answers that need their length
/// before the first byte goes out. A fresh 1 KiB buffer and JSON writer per response were a quarter of the bytes a
/// small V2 infer request allocated. Dispose after the body has been written.
/// </summary>
internal sealed class PooledJsonBuffer : IBufferWriter<byte>, IDisposable
{
    // Writers are reused per thread: Begin to End runs synchronously, so no other response can interleave.
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private byte[] _buffer;
    private int _written;

    public PooledJsonBuffer(int initialSize) => _buffer = ArrayPool<byte>.Shared.Rent(initialSize);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public int WrittenCount => _written;

    /// <summary>A JSON writer over this buffer; call <see cref="End"/> before writing the buffer anywhere.</summary>
    public Utf8JsonWriter Begin()
    {
        var writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(this);
        }
        else
        {
            writer.Reset(this);
        }

        return writer;
    }

    /// <summary>Flushes the writer into this buffer and detaches it, so the thread's writer holds no pooled memory.</summary>
    public static void End(Utf8JsonWriter writer)
    {
        writer.Flush();
        writer.Reset(Stream.Null);
    }

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Ensure(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _written + needed));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
