using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maas.Client.Json;

namespace Maas.Client;

public sealed partial class MaasClient
{
    /// <summary>
    /// Friendly predict (KServe V1 style): sends <c>{"instances": [...]}</c> to <c>/v1/models/{reference}:predict</c>
    /// and returns the whole answer (normally <c>{"predictions": [...]}</c>).
    /// </summary>
    public Task<JsonNode> PredictAsync(string reference, JsonArray instances, CancellationToken cancellationToken = default) =>
        PredictAsync(ModelReference.Parse(reference), instances, cancellationToken);

    public Task<JsonNode> PredictAsync(ModelReference reference, JsonArray instances, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instances);

        // The body owns its nodes; a deep clone leaves the caller's array free to be reused or attached elsewhere.
        var body = new JsonObject { ["instances"] = instances.DeepClone() };
        var request = new HttpRequestMessage(HttpMethod.Post, Url($"v1/models/{PathReference(reference)}:predict"))
        {
            Content = JsonContent.Create(body, WireJsonContext.Default.JsonObject),
        };
        return SendForJsonAsync(request, WireJsonContext.Default.JsonNode, cancellationToken);
    }

    /// <summary>KServe Open Inference Protocol V2 (JSON): <c>POST /v2/models/{name}[/versions/{v}]/infer</c>.</summary>
    public Task<JsonObject> InferAsync(string name, int? version, JsonObject request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(request);
        var path = version is { } v ? $"v2/models/{Segment(name)}/versions/{Number(v)}/infer" : $"v2/models/{Segment(name)}/infer";
        var message = new HttpRequestMessage(HttpMethod.Post, Url(path))
        {
            Content = JsonContent.Create(request, WireJsonContext.Default.JsonObject),
        };
        return SendForJsonAsync(message, WireJsonContext.Default.JsonObject, cancellationToken);
    }

    /// <summary>
    /// True when <c>/v2/health/ready</c> answers 2xx; false for any other status and when the server cannot be
    /// reached, so scripts can poll it while the server starts.
    /// </summary>
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await SendForNothingAsync(new HttpRequestMessage(HttpMethod.Get, Url("v2/health/ready")), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MaasApiException)
        {
            return false;
        }
    }

    // ':' and '@' stay literal: they are the reference syntax the server's route parses, not data.
    private static string PathReference(ModelReference reference) =>
        reference.Version is { } v ? $"{Segment(reference.Name)}:{Number(v)}"
        : reference.Alias is { } a ? $"{Segment(reference.Name)}@{Segment(a)}"
        : Segment(reference.Name);
}
