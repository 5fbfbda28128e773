using System.Security.Cryptography;
using System.Text;

namespace Maas.Security.Keys;

/// <summary>HMAC-SHA256 of a presented secret under the server secret: what is stored and looked up.</summary>
internal sealed class KeyHasher(ServerSecret secret)
{
    public const int HashLength = 32;

    // Real secrets are 48 characters; anything much longer is not a key and not worth hashing.
    public const int MaxSecretLength = 256;

    public byte[] Hash(string presentedSecret)
    {
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(MaxSecretLength)];
        var length = Encoding.UTF8.GetBytes(presentedSecret, utf8);
        var hash = HMACSHA256.HashData(secret.Key, utf8[..length]);
        CryptographicOperations.ZeroMemory(utf8[..length]);
        return hash;
    }

    /// <summary>Constant time, so how much of a hash matched never shows in the response time.</summary>
    public static bool Matches(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual) =>
        CryptographicOperations.FixedTimeEquals(expected, actual);
}
