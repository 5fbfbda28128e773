using System.Diagnostics;

namespace Maas.Server.Tests.Infrastructure;

/// <summary>
/// The built `maas` binary as its own process, with stdin and stdout redirected as in a shell pipe: what only a real
/// process shows (Console.IsOutputRedirected, Console.IsInputRedirected, the environment's key lookup).
/// </summary>
public static class MaasProcess
{
    /// <summary>The apphost the build copies next to the tests; the same binary as src/Maas.Cli/bin.</summary>
    public static string BinaryDirectory => AppContext.BaseDirectory;

    /// <summary>
    /// Runs <c>maas</c> with a clean key environment: no MAAS_API_KEY or MAAS_URL from the developer's shell, and
    /// HOME/MAAS_HOME in <paramref name="home"/>, so a local ~/.maas/admin.key cannot leak in.
    /// </summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(
        string home, string? stdin, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(BinaryDirectory, OperatingSystem.IsWindows() ? "maas.exe" : "maas"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("MAAS_API_KEY");
        info.Environment.Remove("MAAS_URL");
        info.Environment["HOME"] = home;
        info.Environment["MAAS_HOME"] = Path.Combine(home, ".maas");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start maas");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin ?? "");
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
