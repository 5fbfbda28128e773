using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Maas.Server.Tests.Infrastructure;
using Maas.Testing;

namespace Maas.Server.Tests.Readme;

/// <summary>
/// README.md is a contract: every ```sh block runs, in order, in one bash, against a real `maas serve` started as the
/// README says (the built binary, data in ~/.maas), in a private HOME, from the repository root.
/// </summary>
public sealed class ReadmeTests
{
    private static string Repository => SharedModels.RepositoryRoot;

    [Fact]
    public async Task EveryShellBlock_RunsAndSucceedsAgainstARealServer()
    {
        var blocks = ReadmeBlocks.Parse(await File.ReadAllTextAsync(Path.Combine(Repository, "README.md")));

        // Exclusions stay the one the test performs itself: the set-up block that starts the server and runs ./test.sh.
        var skipped = Assert.Single(blocks, b => b.SkipReason is not null);
        Assert.Contains("maas serve", skipped.Code, StringComparison.Ordinal);
        Assert.Contains("./test.sh", skipped.Code, StringComparison.Ordinal);
        var runnable = blocks.Where(b => b.SkipReason is null).ToList();
        Assert.True(runnable.Count >= 6, $"only {runnable.Count} runnable blocks found; did the fences change?");
        Assert.True(Directory.Exists(Path.Combine(Repository, "..", "shared", "models")), "the README's paths need ../shared/models beside the repository");

        using var home = new TempDirectory("maas-readme");
        Directory.CreateDirectory(home.Combine("tmp"));
        var port = FreePort();
        using var server = await StartServerAsync(home.Path, port);

        var script = Script(runnable, port);
        await File.WriteAllTextAsync(home.Combine("readme.sh"), script);
        var (exitCode, output) = await RunAsync("bash", [home.Combine("readme.sh")], Environment(home.Path, port), TimeSpan.FromSeconds(240));
        Assert.True(exitCode == 0, $"README blocks failed (exit {exitCode}); last output:\n{Tail(output, 4000)}");
    }

    /// <summary>
    /// The blocks as one script. The README says localhost:8080; the test listens on a free loopback port instead (8080
    /// may be taken by another server on the machine), so curl URLs are rewritten to it and the CLI gets MAAS_URL.
    /// </summary>
    private static string Script(IEnumerable<ReadmeBlock> blocks, int port)
    {
        var script = new StringBuilder();
        script.AppendLine("set -Eeo pipefail"); // -E: the ERR trap below also fires inside the curl function

        // curl exits 0 on a 401 or a 500; --fail-with-body makes any non-2xx stop the run as a failed command would,
        // and --show-error says why even under the README's -s.
        script.AppendLine("curl() { command curl --fail-with-body --show-error \"$@\"; }");
        script.AppendLine("trap 'echo \"README test: this command failed: $BASH_COMMAND\" >&2' ERR");
        foreach (var block in blocks)
        {
            script.AppendLine($"echo '### README.md line {block.Line}' >&2");
            script.AppendLine(block.Code
                .Replace("localhost:8080", $"localhost:{port}", StringComparison.Ordinal)
                .Replace("127.0.0.1:8080", $"127.0.0.1:{port}", StringComparison.Ordinal));
        }

        return script.ToString();
    }

    /// <summary>
    /// A private HOME (so ~/.maas is the test's own), the built `maas` first on PATH, and none of the developer's
    /// MAAS_* settings; TMPDIR inside HOME so the README's mktemp folders go away with it.
    /// </summary>
    private static Dictionary<string, string?> Environment(string home, int port) => new()
    {
        ["HOME"] = home,
        ["TMPDIR"] = Path.Combine(home, "tmp"),
        ["PATH"] = MaasProcess.BinaryDirectory + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH"),
        ["MAAS_URL"] = $"http://127.0.0.1:{port}",
        ["MAAS_HOME"] = null,
        ["MAAS_API_KEY"] = null,
        ["MAAS_ADMIN_KEY"] = null,
        ["MAAS_URLS"] = null,
        ["MAAS_AUTH"] = null,
    };

    private static async Task<ServerHandle> StartServerAsync(string home, int port)
    {
        var info = Start(Path.Combine(MaasProcess.BinaryDirectory, "maas"), ["serve", "--urls", $"http://127.0.0.1:{port}"], Environment(home, port));
        var output = new StringBuilder();
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start maas serve");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var handle = new ServerHandle(process);

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var ready = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/v2/health/ready"));
                if (ready.IsSuccessStatusCode)
                {
                    return handle;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        handle.Dispose();
        lock (output)
        {
            throw new InvalidOperationException($"maas serve did not become ready:\n{output}");
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args, Dictionary<string, string?> environment, TimeSpan timeout)
    {
        var info = Start(file, args, environment);
        info.WorkingDirectory = Repository; // the README's paths (../shared/models) are relative to the repository root
        info.RedirectStandardInput = true;
        var output = new StringBuilder();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            lock (output)
            {
                return (-1, output + $"\n(timed out after {timeout.TotalSeconds} s)");
            }
        }

        process.WaitForExit(); // drains the asynchronous readers
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static ProcessStartInfo Start(string file, string[] args, Dictionary<string, string?> environment)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        return info;
    }

    private static string Tail(string text, int characters) => text.Length <= characters ? text : "…" + text[^characters..];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class ServerHandle(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }
    }
}
