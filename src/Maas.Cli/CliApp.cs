using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using Maas.Cli.Commands;
using Spectre.Console;

namespace Maas.Cli;

/// <summary>The <c>maas</c> command line: builds the command tree and runs it in-process, returning the exit code.</summary>
internal static class CliApp
{
    /// <summary>Exit code for a command line that does not parse (unknown verb, missing argument, bad option value).</summary>
    public const int UsageError = 2;

    public static string Version { get; } =
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static async Task<int> RunAsync(string[] args, IAnsiConsole? console = null, TextWriter? error = null, TextReader? input = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var io = new CliIo(console ?? CliConsole.Create(), error ?? Console.Error)
        {
            In = input ?? Console.In,

            // A redirected stdin is a script, not a person waiting for a prompt; a reader handed in stands for the
            // person at the terminal (in-process tests).
            InteractiveInput = input is not null || !Console.IsInputRedirected,
        };
        var root = BuildRootCommand(io);

        var parseResult = root.Parse(args.Length == 0 ? ["--help"] : args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                io.WriteError(parseError.Message);
            }

            io.Error.WriteLine("run 'maas --help' for usage");
            return UsageError;
        }

        var configuration = new InvocationConfiguration
        {
            Output = io.Out.Profile.Out.Writer,
            Error = io.Error,
        };
        var exitCode = await parseResult.InvokeAsync(configuration).ConfigureAwait(false);
        return args.Length == 0 ? UsageError : exitCode;
    }

    internal static RootCommand BuildRootCommand(CliIo io)
    {
        var root = new RootCommand("Maas: serve, manage and call machine-learning models.");
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new PrintVersionAction(io);
        }

        root.Add(ClientOptions.Server);
        root.Add(ClientOptions.ApiKey);
        root.Add(ServeCommand.Create(io));
        root.Add(PushCommand.Create(io));
        root.Add(ModelsCommand.Create(io));
        root.Add(ShowCommand.Create(io));
        root.Add(RemoveCommand.Create(io));
        root.Add(AliasCommand.Create(io));
        root.Add(PredictCommand.Create(io));
        root.Add(KeysCommand.Create(io));
        root.Add(UsageCommand.Create(io));
        root.Add(GenerateCommand.Create(io));
        root.Add(ChatCommand.Create(io));
        root.Add(BenchCommand.Create(io));
        return root;
    }

    /// <summary>Prints this assembly's version, not the entry assembly's (which is a test host when run in-process).</summary>
    private sealed class PrintVersionAction(CliIo io) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            io.WriteRaw(Version);
            return 0;
        }
    }
}
