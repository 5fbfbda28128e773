using System.Net.Http.Headers;

namespace Maas.Bench;

/// <summary>The bench scripts start `maas serve` with MAAS_ADMIN_KEY = MAAS_API_KEY; every client sends it.</summary>
internal static class BenchAuth
{
    public static HttpClient WithKey(this HttpClient client) => client.WithBearer(Environment.GetEnvironmentVariable("MAAS_API_KEY"));

    /// <summary>Sends <paramref name="key"/> as a bearer token on every request; no key, no header.</summary>
    public static HttpClient WithBearer(this HttpClient client, string? key)
    {
        if (key is { Length: > 0 })
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }
}
