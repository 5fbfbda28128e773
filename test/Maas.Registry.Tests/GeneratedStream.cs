namespace Maas.Registry.Tests;

/// <summary>
/// A forward-only stream of deterministic bytes, like an HTTP request body: not seekable, no length, produced on the
/// fly so a large upload never exists in memory. Optionally runs a callback once a number of bytes has been read.
/// </summary>
internal sealed class GeneratedStream(long length, int seed = 1) : Stream
{
    private long _position;

    /// <summary>Called once, when the reader has consumed at least <see cref="TriggerAfterBytes"/>.</summary>
    public Action? OnTrigger { get; init; }

    public long TriggerAfterBytes { get; init; } = long.MaxValue;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= TriggerAfterBytes && OnTrigger is { } trigger)
        {
            trigger();
        }

        var count = (int)Math.Min(buffer.Length, length - _position);
        for (var i = 0; i < count; i++)
        {
            var at = (ulong)(_position + i);
            buffer[i] = (byte)(((at * 2654435761UL) >> 11) ^ (ulong)seed);
        }

        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
