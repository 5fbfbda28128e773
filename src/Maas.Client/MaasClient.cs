using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Maas.Client.Transport;

namespace Maas.Client;

/// <summary>
/// The .NET SDK for a Maas server: registry management (push, list, alias, delete) and inference
/// (friendly predict, KServe V2). Thread-safe; reuse one instance per server.
/// </summary>
public sealed partial class MaasClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly Uri _baseAddress;

    /// <param name="baseAddress">The server root, e.g. <c>http://127.0.0.1:8080</c>.</param>
    /// <param name="apiKey">Sent as <c>Authorization: Bearer</c> on every request when set.</param>
    /// <param name="handler">A custom handler (proxy, test double); the client does not dispose it.</param>
    public MaasClient(Uri baseAddress, string? apiKey = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        _baseAddress = NormalizeBase(baseAddress);

        // Uploads and big batches can legitimately take minutes: no overall timeout, callers cancel instead.
        // Connecting, though, should fail fast when nothing listens.
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("maas-client", ClientVersion));
        if (!string.IsNullOrEmpty(apiKey))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        _ownsHttpClient = true;
    }

    /// <summary>Uses a caller-configured client (its <see cref="HttpClient.BaseAddress"/> is the server root); not disposed by this instance.</summary>
    public MaasClient(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _baseAddress = NormalizeBase(httpClient.BaseAddress
            ?? throw new ArgumentException("the HttpClient needs a BaseAddress (the Maas server root)", nameof(httpClient)));
        _http = httpClient;
        _ownsHttpClient = false;
    }

    /// <summary>The server root this client talks to, always ending in '/'.</summary>
    public Uri BaseAddress => _baseAddress;

    private static string ClientVersion { get; } =
        typeof(MaasClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }

    private static Uri NormalizeBase(Uri address)
    {
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{address}' is not an http(s) server address", nameof(address));
        }

        // Without the trailing slash, relative paths would replace the last segment of a base like http://host/maas.
        return address.AbsolutePath.EndsWith('/') ? address : new Uri(address + "/");
    }

    private Uri Url(string relative) => new(_baseAddress, relative);

    private static string Segment(string value) => Uri.EscapeDataString(value);

    /// <summary>Sends and returns a successful response; every failure becomes a <see cref="MaasApiException"/>.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw ApiErrors.Unreachable(_baseAddress, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw ApiErrors.TimedOut(_baseAddress, ex);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ApiErrors.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
            }
        }

        return response;
    }

    private async Task<T> SendForJsonAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using (request)
        using (var response = await SendAsync(request, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                return await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken).ConfigureAwait(false)
                    ?? throw new JsonException("the body is null");
            }
            catch (JsonException ex)
            {
                throw new MaasApiException((int)response.StatusCode, $"the server's answer is not the expected JSON: {ex.Message}", ex);
            }
            catch (HttpRequestException ex)
            {
                throw ApiErrors.Unreachable(_baseAddress, ex);
            }
        }
    }

    private async Task SendForNothingAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        using (await SendAsync(request, cancellationToken).ConfigureAwait(false))
        {
        }
    }
}
