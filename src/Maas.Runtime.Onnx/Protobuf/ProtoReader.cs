using System.Text;

namespace Maas.Runtime.Onnx.Protobuf;

/// <summary>
/// A forward-only protobuf wire-format reader over a seekable stream. It buffers a small window and seeks over
/// fields it is told to skip, so a multi-gigabyte model is walked without being read. Every read is bounded by
/// the end of the enclosing message; malformed input throws <see cref="InvalidDataException"/>.
/// </summary>
internal sealed class ProtoReader
{
    private const int BufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[BufferSize];
    private long _bufferStart;
    private int _bufferPosition;
    private int _bufferLength;

    public ProtoReader(Stream stream)
    {
        _stream = stream;
        Length = stream.Length;
        _bufferStart = stream.Position;
    }

    public long Length { get; }

    public long Position => _bufferStart + _bufferPosition;

    /// <summary>Reads the next tag, or returns false at <paramref name="end"/>.</summary>
    public bool TryReadTag(long end, out int field, out WireType wireType)
    {
        if (Position >= end)
        {
            field = 0;
            wireType = default;
            return false;
        }

        var tag = ReadVarint(end);
        field = (int)(tag >> 3);
        wireType = (WireType)(tag & 7);
        if (field <= 0 || tag >> 3 > int.MaxValue || (int)wireType > 5)
        {
            throw Malformed($"invalid tag {tag}");
        }

        return true;
    }

    public ulong ReadVarint(long end)
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte(end);
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw Malformed("varint longer than 10 bytes");
    }

    /// <summary>Reads a length prefix and returns where the length-delimited field ends.</summary>
    public long ReadLengthDelimitedEnd(long end)
    {
        var length = ReadVarint(end);
        if (length > (ulong)(end - Position))
        {
            throw Malformed($"a field of {length} bytes runs past the end of its message");
        }

        return Position + (long)length;
    }

    /// <summary>Reads a length-delimited field as UTF-8 text, refusing anything over <paramref name="maxBytes"/>.</summary>
    public string ReadString(long end, int maxBytes)
    {
        var fieldEnd = ReadLengthDelimitedEnd(end);
        var length = fieldEnd - Position;
        if (length > maxBytes)
        {
            throw Malformed($"a string of {length} bytes is longer than the {maxBytes} allowed here");
        }

        var bytes = new byte[length];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = ReadByte(fieldEnd);
        }

        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Skips the value of a field whose tag was just read; groups are skipped up to their end tag.</summary>
    public void SkipValue(int field, WireType wireType, long end, int depth)
    {
        switch (wireType)
        {
            case WireType.Varint:
                ReadVarint(end);
                break;
            case WireType.Fixed64:
                SkipTo(Position + 8, end);
                break;
            case WireType.Fixed32:
                SkipTo(Position + 4, end);
                break;
            case WireType.LengthDelimited:
                SkipTo(ReadLengthDelimitedEnd(end), end);
                break;
            case WireType.StartGroup:
                SkipGroup(field, end, depth);
                break;
            default:
                throw Malformed($"unexpected end-group tag for field {field}");
        }
    }

    /// <summary>Moves to <paramref name="target"/>, within the buffer when possible, else by seeking.</summary>
    public void SkipTo(long target, long end)
    {
        if (target > end)
        {
            throw Malformed("a field runs past the end of its message");
        }

        if (target <= _bufferStart + _bufferLength)
        {
            _bufferPosition = (int)(target - _bufferStart);
            return;
        }

        _stream.Position = target;
        _bufferStart = target;
        _bufferPosition = 0;
        _bufferLength = 0;
    }

    private void SkipGroup(int field, long end, int depth)
    {
        if (depth > ExternalDataScanner.MaxDepth)
        {
            throw Malformed("groups nested too deeply");
        }

        while (TryReadTag(end, out var inner, out var wireType))
        {
            if (wireType == WireType.EndGroup)
            {
                if (inner != field)
                {
                    throw Malformed($"end-group tag {inner} does not close group {field}");
                }

                return;
            }

            SkipValue(inner, wireType, end, depth + 1);
        }

        throw Malformed($"group {field} is not closed");
    }

    private byte ReadByte(long end)
    {
        if (Position >= end)
        {
            throw Malformed("a value runs past the end of its message");
        }

        if (_bufferPosition == _bufferLength)
        {
            Fill();
        }

        return _buffer[_bufferPosition++];
    }

    private void Fill()
    {
        _bufferStart += _bufferLength;
        _bufferPosition = 0;
        _bufferLength = _stream.Read(_buffer, 0, BufferSize);
        if (_bufferLength == 0)
        {
            throw Malformed("the file ends in the middle of a field");
        }
    }

    private InvalidDataException Malformed(string reason) =>
        new($"{reason} (at byte {Position.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
}
