using System.CommandLine;
using Maas.Server;

namespace Maas.Cli.Commands;

/// <summary><c>maas serve</c>: hosts the server in this process until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create(CliIo io)
    {
        var data = new Option<string?>("--data") { Description = "Data folder for maas.db and blobs/ (env MAAS_HOME, default ~/.maas)", HelpName = "DIR" };
        var urls = new Option<string?>("--urls") { Description = "Listen addresses, ';'-separated (env MAAS_URLS, default http://127.0.0.1:8080)", HelpName = "URLS" };
        var auth = new Option<string?>("--auth") { Description = "keys (default) or none; none only on loopback addresses (env MAAS_AUTH)", HelpName = "MODE" };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "PEM certificate for https:// listen addresses", HelpName = "FILE" };
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key of --tls-cert", HelpName = "FILE" };
        var config = new Option<string?>("--config") { Description = "An extra JSON configuration file", HelpName = "FILE" };

        var command = new Command("serve", "Run the Maas server")
        {
            data,
            urls,
            auth,
            tlsCert,
            tlsKey,
            config,
        };

        // Unknown tokens go on to ASP.NET Core configuration, e.g. --Logging:LogLevel:Default=Debug.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetGuardedAction(io, (parseResult, cancellationToken) =>
        {
            var options = new MaasServerOptions
            {
                DataDirectory = parseResult.GetValue(data),
                Urls = parseResult.GetValue(urls),
                ConfigFile = parseResult.GetValue(config),
                Auth = parseResult.GetValue(auth),
                TlsCertificate = parseResult.GetValue(tlsCert),
                TlsKey = parseResult.GetValue(tlsKey),
            };
            return MaasServerHost.RunAsync(options, [.. parseResult.UnmatchedTokens], cancellationToken);
        });
        return command;
    }
}
