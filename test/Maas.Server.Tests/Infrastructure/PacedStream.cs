namespace Maas.Server.Tests.Infrastructure;

/// <summary>An upload body made on the fly and paced (1 MiB per 5 ms), so a test can act while it is in flight.</summary>
public sealed class PacedStream(long length) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = (int)Math.Min(Math.Min(buffer.Length, 1 << 20), length - _position);
        if (n <= 0)
        {
            return 0;
        }

        buffer.Span[..n].Fill(0x5A);
        _position += n;
        await Task.Delay(5, cancellationToken);
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
