namespace Maas.Server;

/// <summary>Options of <c>maas serve</c>; each also reads from MAAS_* variables and configuration files.</summary>
public sealed class MaasServerOptions
{
    /// <summary>Data folder: maas.db and blobs/. Default ~/.maas (MAAS_HOME).</summary>
    public string? DataDirectory { get; set; }

    /// <summary>REST listen addresses, ';'-separated. Default http://127.0.0.1:8080 (MAAS_URLS).</summary>
    public string? Urls { get; set; }

    /// <summary>"keys" (default) or "none" (--auth; MAAS_AUTH); none only when every listen address is loopback.</summary>
    public string? Auth { get; set; }

    /// <summary>PEM certificate for HTTPS (--tls-cert; Maas:Tls:Certificate); https:// URLs use it.</summary>
    public string? TlsCertificate { get; set; }

    /// <summary>PEM private key of <see cref="TlsCertificate"/> (--tls-key; Maas:Tls:Key).</summary>
    public string? TlsKey { get; set; }

    /// <summary>An extra JSON configuration file (--config).</summary>
    public string? ConfigFile { get; set; }
}
