using System.Net.Http.Headers;
using System.Text.Json;

namespace Maas.Bench.Compare;

/// <summary>
/// Reads a model's <c>inference_count</c> and <c>execution_count</c> from Triton's statistics extension, so the report
/// can say how many requests each engine run actually carried — what dynamic batching formed, not what it could.
/// </summary>
internal static class ServerStats
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<(long Inferences, long Executions)> ReadAsync(Uri server, string path, string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, path));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        long inferences = 0, executions = 0;
        foreach (var model in document.RootElement.GetProperty("model_stats").EnumerateArray())
        {
            inferences += model.GetProperty("inference_count").GetInt64();
            executions += model.GetProperty("execution_count").GetInt64();
        }

        return (inferences, executions);
    }
}
