using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Maas.Bench;

/// <summary>
/// The server side: concurrent HTTP/1.1 keep-alive clients POSTing KServe V2 JSON infer requests of one row each to a
/// running <c>maas serve</c>, through one <see cref="HttpClient"/> per point with enough pooled connections.
/// </summary>
internal sealed class HttpRunner
{
    private const string ReadyPath = "v2/health/ready";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly Uri _server;
    private readonly string _path;
    private readonly Fixture _fixture;
    private readonly byte[][] _bodies;

    public HttpRunner(Uri server, string modelName, string inputName, Fixture fixture)
    {
        _server = server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");
        _path = $"v2/models/{Uri.EscapeDataString(modelName)}/infer";
        _fixture = fixture;
        _bodies = [.. fixture.Rows.Select(row => RequestBody(inputName, row))];
    }

    /// <summary>Sends every fixture row once and checks the answers against expected.json.</summary>
    public async Task VerifyAsync()
    {
        using var client = CreateClient(1);
        for (var row = 0; row < _bodies.Length; row++)
        {
            await CheckOneAsync(client, row);
        }
    }

    /// <summary>Measures V2 infer requests, or with <paramref name="floor"/> bare <c>GET /v2/health/ready</c> requests.</summary>
    public async Task<PointResult> MeasureAsync(int concurrency, TimeSpan warmup, TimeSpan duration, CpuProbe probe, bool floor = false)
    {
        using var client = CreateClient(concurrency);
        var logs = new WorkerLog[concurrency];
        var workers = new Task[concurrency];
        var window = Window.StartingNow(warmup, duration);
        for (var i = 0; i < concurrency; i++)
        {
            var log = logs[i] = new WorkerLog();
            var first = i;
            workers[i] = Task.Run(() => WorkAsync(client, first, window, log, floor));
        }

        var cpu = await probe.AcrossAsync(window);
        await Task.WhenAll(workers);
        return PointResult.From(window, logs, cpu);
    }

    private async Task WorkAsync(HttpClient client, int firstRow, Window window, WorkerLog log, bool floor)
    {
        // The first answer of every worker is checked, so a server that answers quickly but wrongly cannot look fast.
        var row = firstRow % _bodies.Length;
        if (!floor)
        {
            await CheckOneAsync(client, row);
        }

        var buffer = new byte[4096];
        while (true)
        {
            var failed = false;
            var start = Stopwatch.GetTimestamp();
            try
            {
                using var request = floor ? new HttpRequestMessage(HttpMethod.Get, ReadyPath) : new HttpRequestMessage(HttpMethod.Post, _path) { Content = Content(row) };
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await using var stream = await response.Content.ReadAsStreamAsync();
                while (await stream.ReadAsync(buffer) > 0)
                {
                }

                failed = response.StatusCode != HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                failed = true;
            }

            if (!log.Record(window, start, failed))
            {
                return;
            }

            row = row + 1 == _bodies.Length ? 0 : row + 1;
        }
    }

    private async Task CheckOneAsync(HttpClient client, int row)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _path) { Content = Content(row) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchException($"POST {_path} answered {(int)response.StatusCode}: {text}");
        }

        float[] values;
        try
        {
            using var document = JsonDocument.Parse(text);
            var output = document.RootElement.GetProperty("outputs")[0];
            values = [.. output.GetProperty("data").EnumerateArray().Select(v => v.GetSingle())];
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new BenchException($"POST {_path} answered JSON that is not a V2 infer response: {text}", e);
        }

        _fixture.Check("maas", row, values);
    }

    private ByteArrayContent Content(int row)
    {
        var content = new ByteArrayContent(_bodies[row]);
        content.Headers.ContentType = Json;
        return content;
    }

    private HttpClient CreateClient(int concurrency)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(concurrency, 1),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        var client = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = _server,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(30),
        };

        // A server that requires API keys gets the one from the environment, as the maas CLI sends it.
        if (Environment.GetEnvironmentVariable("MAAS_API_KEY") is { Length: > 0 } key)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    private static byte[] RequestBody(string inputName, float[] row)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("inputs"u8);
            writer.WriteStartObject();
            writer.WriteString("name"u8, inputName);
            writer.WriteStartArray("shape"u8);
            writer.WriteNumberValue(1);
            writer.WriteNumberValue(row.Length);
            writer.WriteEndArray();
            writer.WriteString("datatype"u8, "FP32");
            writer.WriteStartArray("data"u8);
            foreach (var value in row)
            {
                writer.WriteNumberValue(value);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
