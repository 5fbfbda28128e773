using System.Buffers.Text;
using System.Security.Cryptography;

namespace Maas.Security.Keys;

/// <summary>The shape of secrets and ids: <c>maas_</c> + 43 base64url characters of 256 random bits.</summary>
internal static class KeySecrets
{
    public const string SecretPrefix = "maas_";
    public const int PrefixLength = 12;
    public const int SecretBytes = 32;

    // Ids appear in URLs and logs; 10 characters of 36 is ~52 bits, plenty for a table of keys.
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const int IdLength = 10;

    public static string NewSecret()
    {
        Span<byte> random = stackalloc byte[SecretBytes];
        RandomNumberGenerator.Fill(random);
        var secret = SecretPrefix + Base64Url.EncodeToString(random);
        CryptographicOperations.ZeroMemory(random);
        return secret;
    }

    public static string NewId() => RandomNumberGenerator.GetString(IdAlphabet, IdLength);

    /// <summary>What is shown to recognise a key; short secrets (an operator's own admin key) show less.</summary>
    public static string PrefixOf(string secret) => secret[..Math.Min(PrefixLength, secret.Length / 2)];
}
