using System.Buffers;
using Maas.Errors;

namespace Maas.Registry.Blobs;

/// <summary>
/// The one accepted spelling of a blob key: 64 lower-case hex digits. Checking it before a key becomes part of a
/// path rules out traversal (<c>..</c>, separators) and case-folding aliases of one blob.
/// </summary>
internal static class BlobHashes
{
    public const int Length = 64;

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public static bool IsValid(string? sha256) =>
        sha256 is { Length: Length } && !sha256.AsSpan().ContainsAnyExcept(LowerHex);

    public static void ThrowIfInvalid(string? sha256)
    {
        if (!IsValid(sha256))
        {
            var shown = sha256 is null ? "null" : sha256.Length > 80 ? string.Concat(sha256.AsSpan(0, 80), "…") : sha256;
            throw MaasException.InvalidInput($"'{shown}' is not a sha256; expected 64 lower-case hex digits");
        }
    }
}
