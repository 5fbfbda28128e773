using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maas.Runtime.Loading;
using Maas.Runtime.Scheduling;
using Maas.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Maas.Server.Tests.Throughput;

/// <summary>Batching must never change an answer: 64 clients hammer the batched model and compare with unbatched runs.</summary>
public sealed class BatchingLoadTests
{
    private const int Clients = 64;
    private const int RequestsPerClient = 500;

    [Fact]
    public async Task Predict_64ClientsX500Requests_ZeroErrorsAndAnswersEqualUnbatched()
    {
        await using var server = await MaasTestServer.StartAsync();
        (await server.PushAsync("mlp", Expected.MlpModel)).Dispose();
        (await server.PushAsync("mlp-unbatched", Expected.MlpModel, query: "?load=false")).Dispose();
        using (var load = await server.Client.PostAsJsonAsync("/v2/repository/models/mlp-unbatched/load", new { parameters = new { max_batch_size = 1 } }))
        {
            load.EnsureSuccessStatusCode();
        }

        var loader = server.Services.GetRequiredService<ModelLoader>();
        Assert.IsType<DynamicBatcher>(loader.FindRunner("mlp", 1));
        Assert.IsNotType<DynamicBatcher>(loader.FindRunner("mlp-unbatched", 1));

        var rows = Enumerable.Range(0, Clients).Select(c => Enumerable.Range(0, 10).Select(i => Math.Sin((c * 10) + i)).ToArray()).ToArray();
        var reference = new double[Clients];
        for (var c = 0; c < Clients; c++)
        {
            reference[c] = await PredictAsync(server.Client, "mlp-unbatched", rows[c]);
        }

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Clients };
        using var client = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", server.AdminKey);
        var errors = 0;
        var mismatches = 0;
        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < RequestsPerClient; i++)
            {
                try
                {
                    var value = await PredictAsync(client, "mlp", rows[c]);
                    // Batched GEMM may sum in another order than the single-row kernel: allow float rounding only.
                    if (Math.Abs(value - reference[c]) > 1e-6)
                    {
                        Interlocked.Increment(ref mismatches);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        await Task.WhenAll(clients).WaitAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(0, errors);
        Assert.Equal(0, mismatches);
        var batcher = (DynamicBatcher)loader.FindRunner("mlp", 1)!;
        Assert.Equal(Clients * RequestsPerClient, batcher.History.Requests);
        Assert.True(batcher.History.Batches < batcher.History.Requests, "under load some requests should have shared a run");
    }

    private static async Task<double> PredictAsync(HttpClient client, string model, double[] row)
    {
        var body = new JsonObject { ["instances"] = new JsonArray(new JsonArray(row.Select(v => (JsonNode)JsonValue.Create(v)).ToArray())) };
        using var response = await client.PostAsJsonAsync($"/v1/models/{model}:predict", body);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return json["predictions"]![0]![0]!.GetValue<double>();
    }
}
