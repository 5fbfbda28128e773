using System.Security.Cryptography;
using System.Text;

namespace Maas.Security.Keys;

/// <summary>HMAC-SHA256 of a presented secret under the server secret: what is stored and looked up.</summary>
internal sealed class KeyHasher(ServerSecret secret)
{
    public const int HashLength = 32;

    // Real secrets are 48 characters; anything much longer is not a key and not worth hashing.
    public const int MaxSecretLength = 256;

    // Every authenticated request hashes its key. The one-shot HMACSHA256.HashData builds and keys a fresh OpenSSL
    // context each time, which profiled at about 7 % of a small V2 infer request's server CPU; a keyed context kept
    // per thread only resets between hashes. Thread-static because a context is not thread-safe; tagged with its
    // owner because tests run several servers (several secrets) in one process.
    [ThreadStatic]
    private static KeyedHmac? t_hmac;

    public byte[] Hash(string presentedSecret)
    {
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(MaxSecretLength)];
        var length = Encoding.UTF8.GetBytes(presentedSecret, utf8);
        var hmac = t_hmac;
        if (hmac is null || !ReferenceEquals(hmac.Owner, this))
        {
            hmac?.Hmac.Dispose();
            hmac = t_hmac = new KeyedHmac(this, IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret.Key));
        }

        hmac.Hmac.AppendData(utf8[..length]);
        var hash = hmac.Hmac.GetHashAndReset();
        CryptographicOperations.ZeroMemory(utf8[..length]);
        return hash;
    }

    /// <summary>Constant time, so how much of a hash matched never shows in the response time.</summary>
    public static bool Matches(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual) =>
        CryptographicOperations.FixedTimeEquals(expected, actual);

    private sealed record KeyedHmac(KeyHasher Owner, IncrementalHash Hmac);
}
