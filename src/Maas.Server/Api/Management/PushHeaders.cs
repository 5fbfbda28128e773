using Maas.Errors;
using Maas.Storage;
using Microsoft.AspNetCore.Http;

namespace Maas.Server.Api.Management;

/// <summary>The headers of an idempotent push: the key a client sends, and the mark on an answer that repeats the first one.</summary>
internal static class PushHeaders
{
    public const string IdempotencyKey = "Idempotency-Key";

    public const string Replayed = "Idempotency-Replayed";

    /// <summary>The key, checked before the upload is read so a bad one costs the client nothing; null when absent.</summary>
    public static string? ReadIdempotencyKey(HttpRequest request)
    {
        var values = request.Headers[IdempotencyKey];
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1 || !IdempotencyClaim.IsValidKey(values[0]))
        {
            throw MaasException.InvalidInput(
                $"header '{IdempotencyKey}' must be one value of 1 to {IdempotencyClaim.MaxKeyLength} printable ASCII characters without spaces");
        }

        return values[0];
    }
}
