namespace Maas.Storage;

/// <summary>
/// A push's promise to create at most one version: the key a client sent, scoped to the model and to the caller that
/// sent it, and a fingerprint of what was asked (artifact hash and alias). A repeat with the same key and fingerprint
/// gets the first version back; the same key with another fingerprint is a conflict.
/// </summary>
/// <param name="Caller">The API key id of the caller; empty for pushes made inside the server.</param>
/// <param name="Key">The client's key, as sent (validated by the edge that received it).</param>
/// <param name="Fingerprint">What the request asked for; two requests with one key must agree on it.</param>
public sealed record IdempotencyClaim(string Caller, string Key, string Fingerprint)
{
    /// <summary>How long a key is remembered after its version is created; a retry later than this creates a new version.</summary>
    public static TimeSpan Retention { get; } = TimeSpan.FromHours(24);

    /// <summary>The longest key accepted; clients send a UUID or similar.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>Printable ASCII only, so a key can be echoed in an error message and a header without escaping.</summary>
    public static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && key.All(c => c is >= '!' and <= '~');
}

/// <summary>The version a push resulted in, and whether it was created just now or by an earlier push with the same key.</summary>
public sealed record PublishedVersion(ModelVersionRecord Version, bool Replayed);
