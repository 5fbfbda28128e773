using Maas.Security;
using Maas.Security.Keys;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Maas.Server.Auth;

/// <summary>
/// Makes sure an admin key exists before the server answers. MAAS_ADMIN_KEY (or Maas:AdminKey) wins and is ensured by
/// the security module itself; otherwise the key saved in <c>MAAS_HOME/admin.key</c> is used, and on the very first
/// start a new one is created, saved there with mode 0600 so the local CLI works without typing it, and printed once
/// when stdout is a terminal (otherwise only the file's path is).
/// </summary>
internal sealed class AdminKeyBootstrap(
    ApiKeyService keys,
    IOptions<SecurityOptions> security,
    AuthSettings settings,
    ServerPaths paths) : IHostedService
{
    public const string FileName = "admin.key";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.Open || !string.IsNullOrEmpty(security.Value.AdminKey))
        {
            return;
        }

        var file = Path.Combine(paths.DataDirectory, FileName);
        if (File.Exists(file))
        {
            await keys.EnsureAdminKeyAsync((await File.ReadAllTextAsync(file, cancellationToken)).Trim(), "admin", cancellationToken);
            return;
        }

        var created = await keys.CreateAsync(new NewKey("admin", [Scope.Admin], [], null, null), cancellationToken);
        await WritePrivateAsync(file, created.Secret, cancellationToken);
        // Written to the console, never to the log, and only to a terminal: redirected output ends up in journald or
        // `docker logs`, which would keep the secret for as long as they keep anything.
        await Console.Out.WriteLineAsync(Console.IsOutputRedirected
            ? $"Admin API key created and saved to {file} (readable by this user only); read it from there, it is not printed to redirected output"
            : $"Admin API key (shown once; saved to {file}):{Environment.NewLine}  {created.Secret}");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task WritePrivateAsync(string file, string secret, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(file, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteLineAsync(secret.AsMemory(), cancellationToken);
    }
}

/// <summary>Where the server keeps its data.</summary>
internal sealed record ServerPaths(string DataDirectory);
