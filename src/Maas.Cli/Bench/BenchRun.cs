using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Maas.Cli.Bench;

/// <summary>One <c>maas bench</c> invocation: prepares the request bodies, then measures each load level in turn.</summary>
internal sealed class BenchRun(Uri server, string? apiKey, string reference, BenchPlan plan)
{
    public Uri Server { get; } = server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");

    public string Reference => reference;

    /// <summary>Bodies from the input file, or random data shaped by the model's V2 metadata.</summary>
    public async Task<BenchRequests> PrepareAsync(string? inputFile, IReadOnlyDictionary<string, long[]> shapes, CancellationToken cancellationToken)
    {
        if (inputFile is not null)
        {
            return BenchRequests.FromFile(plan.Protocol, reference, inputFile);
        }

        if (plan.Protocol == BenchProtocol.OpenAi)
        {
            return BenchRequests.DefaultChat(reference);
        }

        using var client = CreateClient(1);
        var path = $"v2/models/{Uri.EscapeDataString(reference)}";
        using var response = await client.GetAsync(path, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new CliException($"GET /{path} answered {(int)response.StatusCode}: {text.Trim()}");
        }

        var metadata = JsonNode.Parse(text) as JsonObject ?? throw new CliException($"GET /{path} did not answer a JSON object");
        return RandomInputs.Create(plan.Protocol, reference, metadata, plan.Batch, shapes);
    }

    public async Task<IReadOnlyList<LevelResult>> RunAsync(BenchRequests requests, Action<LevelResult> onLevel, CancellationToken cancellationToken)
    {
        var results = new List<LevelResult>();
        if (plan.Rate is { } rate)
        {
            using var client = CreateClient(plan.MaxInFlight);
            var result = await new LoadGenerator(client, requests, plan).RunRateAsync(rate, cancellationToken).ConfigureAwait(false);
            onLevel(result);
            results.Add(result);
            return results;
        }

        foreach (var concurrency in plan.Concurrency)
        {
            // A fresh client per level: connections of the previous level do not linger into this one's numbers.
            using var client = CreateClient(concurrency);
            var result = await new LoadGenerator(client, requests, plan).RunConcurrencyAsync(concurrency, cancellationToken).ConfigureAwait(false);
            onLevel(result);
            results.Add(result);
        }

        return results;
    }

    private HttpClient CreateClient(int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(connections, 1),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        var client = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = Server,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }
}
