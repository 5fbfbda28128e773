using System.Net.Http.Headers;
using System.Text.Json;

namespace Maas.Bench.Compare;

/// <summary>Sends every row of a workload once to a server and checks each answer against expected.json.</summary>
internal static class HttpVerifier
{
    public static async Task VerifyAsync(string who, Uri server, string path, Workload workload, string? bearer)
    {
        using var client = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) }.WithBearer(bearer);

        for (var row = 0; row < workload.Bodies.Count; row++)
        {
            using var content = new ByteArrayContent(workload.Bodies[row]);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync(path.TrimStart('/'), content);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new BenchException($"{who}: POST {path} answered {(int)response.StatusCode}: {text}");
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                var data = document.RootElement.GetProperty("outputs")[0].GetProperty("data");
                workload.Check(who, row, [.. data.EnumerateArray().Select(v => v.GetSingle())]);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
            {
                throw new BenchException($"{who}: POST {path} answered JSON that is not a V2 infer response: {text}", e);
            }
        }
    }
}
