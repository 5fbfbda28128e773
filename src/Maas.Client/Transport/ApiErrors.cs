using System.Text.Json;
using System.Text.Json.Nodes;

namespace Maas.Client.Transport;

/// <summary>Turns failed exchanges into <see cref="MaasApiException"/>s whose message a CLI can print as is.</summary>
internal static class ApiErrors
{
    // Error bodies are one sentence; anything longer is not ours (a proxy's HTML page) and is not worth reading.
    private const int MaxErrorBodyBytes = 64 * 1024;

    public static async Task<MaasApiException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var message = await TryReadServerMessageAsync(response, cancellationToken).ConfigureAwait(false);
        return new MaasApiException(status, message ?? StatusLine(response)) { RetryAfter = RetryAfterOf(response) };
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    public static MaasApiException Unreachable(Uri server, HttpRequestException exception)
    {
        var address = Display(server);
        return exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            ? new MaasApiException(0, $"cannot reach the server at {address} (is `maas serve` running?)", exception)
            : new MaasApiException(0, $"the request to {address} failed: {exception.Message}", exception);
    }

    public static MaasApiException TimedOut(Uri server, Exception exception) =>
        new(0, $"the server at {Display(server)} did not answer in time", exception);

    public static string Display(Uri server) => server.ToString().TrimEnd('/');

    private static string StatusLine(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var reason = string.IsNullOrEmpty(response.ReasonPhrase) ? response.StatusCode.ToString() : response.ReasonPhrase;
        return $"the server answered {status.ToString(System.Globalization.CultureInfo.InvariantCulture)} {reason}";
    }

    /// <summary>
    /// Reads <c>{"error": "..."}</c> (registry, V1, V2) or <c>{"error": {"message": "..."}}</c> (OpenAI routes);
    /// null when the body is neither, so the caller falls back to the status line.
    /// </summary>
    private static async Task<string?> TryReadServerMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is > MaxErrorBodyBytes)
        {
            return null;
        }

        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (body.Length is 0 or > MaxErrorBodyBytes)
            {
                return null;
            }

            var error = JsonNode.Parse(body)?["error"];
            var message = error switch
            {
                JsonValue value when value.TryGetValue<string>(out var text) => text,
                JsonObject obj when obj["message"] is JsonValue inner && inner.TryGetValue<string>(out var text) => text,
                _ => null,
            };
            return string.IsNullOrWhiteSpace(message) ? null : message;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
