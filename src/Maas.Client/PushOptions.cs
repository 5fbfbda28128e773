namespace Maas.Client;

/// <summary>How <see cref="MaasClient.PushAsync(string, string, PushOptions, CancellationToken)"/> uploads a version.</summary>
public sealed record PushOptions
{
    /// <summary>An alias to point at the new version.</summary>
    public string? Alias { get; init; }

    /// <summary>Hears bytes sent; a retried upload starts again from zero.</summary>
    public IProgress<UploadProgress>? Progress { get; init; }

    /// <summary>
    /// Sent as <c>Idempotency-Key</c>: the server creates at most one version per key (per model and API key, for
    /// 24 hours), so a push repeated after a lost answer gets the first version back. Null: a fresh key per call,
    /// reused by that call's own retries. Pass your own to make retries of a whole script safe too.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>
    /// Tries in all (default 3). The upload is sent again, with the same key, when the connection fails after it
    /// reached the server or the server answers 429, 502, 503 or 504.
    /// </summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>A new random key, as sent when <see cref="IdempotencyKey"/> is null.</summary>
    public static string NewIdempotencyKey() => Guid.NewGuid().ToString("N");
}
