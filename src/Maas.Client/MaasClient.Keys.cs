using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maas.Client.Json;

namespace Maas.Client;

public sealed partial class MaasClient
{
    /// <summary>
    /// Creates an API key (admin only). The answer's <c>key</c> is the secret, shown this once; <c>info</c> describes it.
    /// <paramref name="request"/> is <c>{"name", "scopes": [...], "models": [...], "expires": "30d", "limits": {...}}</c>.
    /// </summary>
    public Task<JsonNode> CreateKeyAsync(JsonObject request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = new HttpRequestMessage(HttpMethod.Post, Url("api/keys"))
        {
            Content = JsonContent.Create(request, WireJsonContext.Default.JsonObject),
        };
        return SendForJsonAsync(message, WireJsonContext.Default.JsonNode, cancellationToken);
    }

    public Task<JsonNode> ListKeysAsync(CancellationToken cancellationToken = default) =>
        SendForJsonAsync(new HttpRequestMessage(HttpMethod.Get, Url("api/keys")), WireJsonContext.Default.JsonNode, cancellationToken);

    /// <summary>Revokes a key by id; it stops working on the next request.</summary>
    public Task<JsonNode> RevokeKeyAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return SendForJsonAsync(new HttpRequestMessage(HttpMethod.Delete, Url($"api/keys/{Segment(id)}")), WireJsonContext.Default.JsonNode, cancellationToken);
    }

    /// <summary>Usage rows per key, model and day; admins may name any key, others see their own.</summary>
    public Task<JsonNode> GetUsageAsync(string? keyId = null, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (keyId is not null)
        {
            query.Add("key=" + Uri.EscapeDataString(keyId));
        }

        if (from is { } f)
        {
            query.Add("from=" + f.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (to is { } t)
        {
            query.Add("to=" + t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        var path = query.Count == 0 ? "api/usage" : "api/usage?" + string.Join('&', query);
        return SendForJsonAsync(new HttpRequestMessage(HttpMethod.Get, Url(path)), WireJsonContext.Default.JsonNode, cancellationToken);
    }
}
