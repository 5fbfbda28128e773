using Maas.Llm;
using Maas.Runtime.Configuration;
using Maas.Runtime.Onnx;
using Maas.Server.Api.Management;
using Maas.Server.Api.OpenAi.Embeddings;
using Maas.Server.Api.OpenAi;
using Maas.Server.Api.Predict;
using Maas.Server.Api.V2;
using Maas.Server.Auth;
using Maas.Server.Errors;
using Maas.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Maas.Server;

/// <summary>Entry point of <c>maas serve</c>: the whole server in one process, composed here like a table of contents.</summary>
public static class MaasServerHost
{
    /// <summary>Builds the host without starting it (tests start it on a loopback port of their own).</summary>
    public static WebApplication Build(MaasServerOptions options, string[] args, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args });
        builder.Configuration.AddMaasDefaults();
        builder.Configuration.AddMaasSources(options);
        var configuration = builder.Configuration;
        var maas = configuration.GetSection(MaasConfiguration.Section);
        var dataDirectory = MaasConfiguration.DataDirectory(configuration);

        var urls = MaasConfiguration.Urls(configuration).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var open = AuthMode.IsOpen(configuration[$"{MaasConfiguration.Section}:Auth"], urls);
        builder.WebHost.UseUrls(urls);
        // The slim builder leaves HTTPS out; https:// addresses need it (see TlsSetup).
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 64L << 20;
            TlsSetup.Configure(kestrel, configuration);
        });
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.AddOptions<ServerLimits>().Bind(maas.GetSection("Limits"))
            .ValidateProblems(l => l.Problems());
        builder.Services.AddOptions<Maas.Registry.Blobs.StorageLimits>().Bind(maas.GetSection("Limits"));
        builder.Services.AddSingleton<UploadGate>();

        builder.Services.AddMaasRegistry(dataDirectory);
        builder.Services.AddMaasAuth(dataDirectory, open, configuration);
        builder.Services.AddOnnxRuntimeBackend(configuration);
        builder.Services.AddMaasRuntime(configuration);
        builder.Services.AddMaasPipelines();
        builder.Services.AddTextGeneration(configuration);
        builder.Services.AddMaasRouting();

        // LLM engines open their sessions through the tensor models' factory, so Maas:Onnx reaches them too.
        builder.Services.AddSingleton<DecoderSessionOpener>(provider => provider.GetRequiredService<OnnxSessionFactory>().Open);
        builder.Services.AddSingleton<DocumentFactory>();

        // Tests replace services here (a fake clock, a log sink); the server itself never passes anything.
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseRouting();
        app.UseMiddleware<AuthMiddleware>();
        app.MapV2Api();
        app.MapPredictApi();
        app.MapEmbeddingsApi();
        app.MapManagementApi();
        app.MapKeysApi();
        app.MapUsageApi();
        app.MapOpenAiApi();
        return app;
    }

    /// <summary>
    /// Runs the server until shutdown; returns the process exit code. A failure to start (the port is taken) is one
    /// <see cref="Maas.Errors.MaasException"/> sentence for the CLI to print, not the stack traces Kestrel and the host log.
    /// </summary>
    public static async Task<int> RunAsync(MaasServerOptions options, string[] args, CancellationToken cancellationToken)
    {
        var startup = new StartupLogGate();
        await using var app = Build(options, args, services => services.Configure<LoggerFilterOptions>(startup.Install));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex) when (StartupFailures.IsAddressInUse(ex))
        {
            throw StartupFailures.AddressInUse(ex, MaasConfiguration.Urls(app.Configuration));
        }

        startup.Open();
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
