namespace Maas.Errors;

/// <summary>
/// A failure whose cause is known and whose message is safe to show the client. Every protocol edge maps
/// <see cref="Kind"/> onto its own status codes; anything else is a server fault.
/// </summary>
public class MaasException(ErrorKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public ErrorKind Kind { get; } = kind;

    /// <summary>Seconds a client should wait before retrying (429/503), when known.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>The request field at fault (OpenAI's <c>param</c>), when one is.</summary>
    public string? Param { get; init; }

    /// <summary>A short machine-readable code (OpenAI's <c>code</c>, e.g. <c>model_not_found</c>), when one fits.</summary>
    public string? Code { get; init; }

    public static MaasException InvalidInput(string message) => new(ErrorKind.InvalidInput, message);

    public static MaasException NotFound(string message) => new(ErrorKind.NotFound, message);

    public static MaasException Conflict(string message) => new(ErrorKind.Conflict, message);

    public static MaasException InvalidModel(string message, Exception? inner = null) => new(ErrorKind.InvalidModel, message, inner);

    public static MaasException TooLarge(string message) => new(ErrorKind.TooLarge, message);

    public static MaasException TooManyRequests(string message, int retryAfterSeconds) =>
        new(ErrorKind.TooManyRequests, message) { RetryAfterSeconds = retryAfterSeconds };

    public static MaasException InsufficientStorage(string message, Exception? inner = null) => new(ErrorKind.InsufficientStorage, message, inner);

    public static MaasException Unavailable(string message, int? retryAfterSeconds = null) =>
        new(ErrorKind.Unavailable, message) { RetryAfterSeconds = retryAfterSeconds };
}
