using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Maas.Errors;
using Microsoft.AspNetCore.Http;

namespace Maas.Server.Hosting;

/// <summary>
/// The one way a JSON request body is read, on every protocol: checked for UTF-8 and unpaired surrogate escapes up
/// front (see <see cref="JsonText"/>), then parsed, with every way it can be unreadable or mis-typed reported as a 400
/// that names the field in plain words.
/// </summary>
internal static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>The small JSON routes (aliases, keys): 64 KiB, as docs/design/security.md says.</summary>
    private const long SmallBodyLimit = 64 * 1024;

    public static JsonDocument Parse(ReadOnlyMemory<byte> body, string expected)
    {
        EnsureReadable(body.Span, expected);
        try
        {
            return JsonDocument.Parse(body, Options);
        }
        catch (JsonException ex)
        {
            throw NotJson(ex);
        }
    }

    /// <summary>Binds a body to a contract; a value of the wrong type is "'field' must be a number", never a .NET type name.</summary>
    public static T Deserialize<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> typeInfo, string expected)
        where T : class
    {
        EnsureReadable(body, expected);

        // Syntax first, so every JsonException the serializer throws afterwards is about a value's type.
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            throw NotJson(ex);
        }

        try
        {
            return JsonSerializer.Deserialize(body, typeInfo) ?? throw MaasException.InvalidInput($"the request body must be {expected}, not null");
        }
        catch (JsonException ex)
        {
            throw JsonFieldErrors.Describe(ex, typeInfo, expected);
        }
    }

    /// <summary>Reads a small management body (size-limited) and binds it like <see cref="Deserialize{T}"/>.</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, string expected, CancellationToken cancellationToken)
        where T : class
    {
        using var body = await RequestBody.ReadAsync(request, SmallBodyLimit, cancellationToken);
        return Deserialize(body.Memory.Span, typeInfo, expected);
    }

    private static void EnsureReadable(ReadOnlySpan<byte> body, string expected)
    {
        if (body.IsEmpty)
        {
            throw MaasException.InvalidInput($"the request body is empty; expected {expected}");
        }

        JsonText.EnsureReadable(body);
    }

    private static MaasException NotJson(JsonException ex) =>
        MaasException.InvalidInput($"the request body is not valid JSON: {ex.Message}");
}
