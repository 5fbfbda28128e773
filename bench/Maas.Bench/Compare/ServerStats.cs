using System.Text.Json;

namespace Maas.Bench.Compare;

/// <summary>
/// Reads a model's <c>inference_count</c> and <c>execution_count</c> from Triton's statistics extension, so the report
/// can say how many requests each engine run actually carried — what dynamic batching formed, not what it could.
/// Read before and after a point, outside its measured windows.
/// </summary>
internal static class ServerStats
{
    public static async Task<(long Inferences, long Executions)> ReadAsync(Uri server, string path, string? bearer)
    {
        using var client = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(10) }.WithBearer(bearer);
        using var response = await client.GetAsync(path.TrimStart('/'));
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
