using System.Collections;
using Microsoft.Extensions.Configuration;

namespace Maas.Server.Hosting;

/// <summary>
/// Where settings come from, in ASP.NET Core's usual order (later wins): appsettings.json, the --config file,
/// MAAS_* environment variables, then command-line options. Every setting lives under the <c>Maas</c> section, so
/// MAAS_HOME is <c>Maas:Home</c>, MAAS_ADMIN_KEY is <c>Maas:AdminKey</c> and MAAS_ONNX__INTRAOPTHREADS is
/// <c>Maas:Onnx:IntraOpThreads</c>.
/// </summary>
internal static class MaasConfiguration
{
    public const string Section = "Maas";

    /// <summary>
    /// Defaults below every other source. ASP.NET Core logs each request at Information, which on a busy inference
    /// server costs a third of the CPU per request; those lines stay available with Logging:LogLevel:Microsoft.AspNetCore.
    /// </summary>
    public static void AddMaasDefaults(this IConfigurationBuilder configuration)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        };
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = defaults });
    }

    public static void AddMaasSources(this IConfigurationBuilder configuration, MaasServerOptions options)
    {
        if (options.ConfigFile is { } file)
        {
            configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        }

        configuration.AddInMemoryCollection(EnvironmentSettings());
        var explicitOptions = new Dictionary<string, string?>();
        if (options.DataDirectory is { } data)
        {
            explicitOptions[$"{Section}:Home"] = data;
        }

        if (options.Urls is { } urls)
        {
            explicitOptions[$"{Section}:Urls"] = urls;
        }

        if (options.TlsCertificate is { } certificate)
        {
            explicitOptions[$"{Section}:Tls:Certificate"] = certificate;
        }

        if (options.TlsKey is { } key)
        {
            explicitOptions[$"{Section}:Tls:Key"] = key;
        }

        if (options.Auth is { } auth)
        {
            explicitOptions[$"{Section}:Auth"] = auth;
        }

        configuration.AddInMemoryCollection(explicitOptions);
    }

    public static string DataDirectory(IConfiguration configuration) =>
        Path.GetFullPath(ExpandHome(configuration[$"{Section}:Home"] is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".maas")));

    public static string Urls(IConfiguration configuration) =>
        configuration[$"{Section}:Urls"] is { Length: > 0 } urls ? urls : "http://127.0.0.1:8080";

    private static Dictionary<string, string?> EnvironmentSettings()
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && key.StartsWith("MAAS_", StringComparison.OrdinalIgnoreCase))
            {
                // '__' separates levels; a single '_' only separates words (MAAS_ADMIN_KEY is Maas:AdminKey).
                var segments = key["MAAS_".Length..].Split("__").Select(segment => segment.Replace("_", "", StringComparison.Ordinal));
                settings[$"{Section}:" + string.Join(':', segments)] = entry.Value as string;
            }
        }

        return settings;
    }

    private static string ExpandHome(string path) =>
        path.StartsWith('~') ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..] : path;
}
