using System.Net.Http.Headers;

namespace Maas.Bench;

/// <summary>The bench scripts start `maas serve` with MAAS_ADMIN_KEY = MAAS_API_KEY; every client sends it.</summary>
internal static class BenchAuth
{
    public static HttpClient WithKey(this HttpClient client)
    {
        if (Environment.GetEnvironmentVariable("MAAS_API_KEY") is { Length: > 0 } key)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }
}
