using System.Buffers;

namespace Maas.Runtime.Onnx;

/// <summary>
/// Exposes a native buffer (an ORT-allocated output tensor) as <see cref="Memory{T}"/> so responses are written to
/// the wire straight from ORT's memory. Owns nothing: the OrtValue holding the buffer must outlive every use.
/// </summary>
internal sealed unsafe class NativeMemoryManager : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public NativeMemoryManager(byte* pointer, int length)
    {
        _pointer = pointer;
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, _length);
        return new MemoryHandle(_pointer + elementIndex);
    }

    public override void Unpin()
    {
        // Native memory never moves.
    }

    protected override void Dispose(bool disposing)
    {
        // The OrtValue owns the buffer.
    }
}
