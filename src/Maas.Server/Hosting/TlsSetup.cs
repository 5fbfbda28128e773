using System.Security.Cryptography.X509Certificates;
using Maas.Errors;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;

namespace Maas.Server.Hosting;

/// <summary>
/// HTTPS from a PEM certificate and key (<c>--tls-cert</c>/<c>--tls-key</c>, or <c>Maas:Tls:Certificate</c>/<c>Key</c>),
/// applied to every https:// listen address. Kestrel's own <c>Kestrel:Certificates</c> settings work too.
/// </summary>
internal static class TlsSetup
{
    public static void Configure(KestrelServerOptions kestrel, IConfiguration configuration)
    {
        var certificate = configuration[$"{MaasConfiguration.Section}:Tls:Certificate"];
        var key = configuration[$"{MaasConfiguration.Section}:Tls:Key"];
        if (string.IsNullOrEmpty(certificate) && string.IsNullOrEmpty(key))
        {
            return;
        }

        if (string.IsNullOrEmpty(certificate) || string.IsNullOrEmpty(key))
        {
            throw MaasException.InvalidInput("--tls-cert and --tls-key go together: give both PEM files");
        }

        X509Certificate2 loaded;
        try
        {
            loaded = X509Certificate2.CreateFromPemFile(certificate, key);
        }
        catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw MaasException.InvalidInput($"cannot load the TLS certificate '{certificate}' with key '{key}': {ErrorText.Of(ex)}");
        }

        kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = loaded);
    }
}
