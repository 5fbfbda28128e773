namespace Maas.Client;

/// <summary>
/// A request the server refused or could not be sent. <see cref="StatusCode"/> is the HTTP status, or 0 when
/// no answer came back at all (server unreachable, connection dropped, timed out).
/// </summary>
public sealed class MaasApiException : Exception
{
    public MaasApiException(int statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public MaasApiException(int statusCode, string message, Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    public int StatusCode { get; }

    /// <summary>How long the server asked to wait before retrying (its <c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
