using System.Text.Json;
using System.Text.Unicode;
using Maas.Errors;

namespace Maas.Server.Hosting;

/// <summary>Parses a request body as JSON, with every way it can be unreadable reported as a 400.</summary>
internal static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public static JsonDocument Parse(ReadOnlyMemory<byte> body, string expected)
    {
        if (body.IsEmpty)
        {
            throw MaasException.InvalidInput($"the request body is empty; expected {expected}");
        }

        // JsonDocument checks UTF-8 inside strings only when they are read; check it all up front instead.
        if (!Utf8.IsValid(body.Span))
        {
            throw MaasException.InvalidInput("the request body is not valid UTF-8");
        }

        try
        {
            return JsonDocument.Parse(body, Options);
        }
        catch (JsonException ex)
        {
            throw MaasException.InvalidInput($"the request body is not valid JSON: {ex.Message}");
        }
    }
}
