using System.Buffers.Binary;

namespace Maas.Security.Keys;

/// <summary>
/// A key hash as a dictionary key: the 32 bytes as four words, so the per-request cache lookup needs no string.
/// Only for finding the cache entry; whether a key matches is still decided by <see cref="KeyHasher.Matches"/>.
/// </summary>
internal readonly record struct HashKey(ulong A, ulong B, ulong C, ulong D)
{
    public static HashKey From(ReadOnlySpan<byte> hash) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(hash),
        BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(hash[16..]),
        BinaryPrimitives.ReadUInt64LittleEndian(hash[24..]));
}
