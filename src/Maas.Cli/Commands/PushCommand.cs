using System.CommandLine;
using System.Text.Json;
using Maas.Cli.Rendering;
using Maas.Client;
using Spectre.Console;

namespace Maas.Cli.Commands;

/// <summary><c>maas push PATH --name NAME [--alias A]</c>: uploads a new version and shows what the server made of it.</summary>
internal static class PushCommand
{
    public static Command Create(CliIo io)
    {
        var path = new Argument<string>("PATH") { Description = "A .onnx file, a model folder, or a .zip / .tar.gz archive of one" };
        var name = new Option<string>("--name", "-n") { Description = "Model name", Required = true, HelpName = "NAME" };
        var alias = new Option<string?>("--alias", "-a") { Description = "Point this alias at the new version", HelpName = "ALIAS" };
        var json = JsonOutputOption.Create("the new version's document");
        var key = new Option<string?>("--idempotency-key")
        {
            Description = "Make this push safe to repeat: the server makes one version per key (default: a new key per run)",
            HelpName = "KEY",
        };

        var command = new Command("push", "Upload a model as a new version")
        {
            path,
            name,
            alias,
            json,
            key,
        };
        command.SetGuardedAction(io, async (parseResult, cancellationToken) =>
        {
            var artifact = parseResult.GetRequiredValue(path);
            if (!File.Exists(artifact) && !Directory.Exists(artifact))
            {
                throw new CliException($"no such file or folder: {artifact}");
            }

            using var client = ClientOptions.CreateClient(parseResult);
            var options = new PushOptions { Alias = parseResult.GetValue(alias), IdempotencyKey = parseResult.GetValue(key) };
            var version = await UploadAsync(io, client, artifact, parseResult.GetRequiredValue(name), options, cancellationToken)
                .ConfigureAwait(false);

            if (parseResult.GetValue(json))
            {
                io.WriteRaw(JsonSerializer.Serialize(version, MaasJsonContext.Default.ModelVersionInfo));
            }
            else
            {
                var sha = version.Sha256.Length > 12 ? version.Sha256[..12] : version.Sha256;
                io.Out.WriteLine($"pushed {version.Name}:{version.Version} (sha256 {sha}, {ByteSize.Format(version.Size)})");
                if (version.Replayed)
                {
                    io.Out.WriteLine($"already pushed with this idempotency key: {version.Name}:{version.Version} is that push, no new version was made");
                }

                if (version.SameContentAs.Count > 0)
                {
                    var others = string.Join(", ", version.SameContentAs.Select(v => $"{version.Name}:{v}"));
                    io.Out.WriteLine($"note: same content as {others}");
                }

                io.Out.Write(SignatureTable.Build(version));
                io.Out.WriteLine($"task: {version.Task ?? "tensor"}, state: {version.State}");
            }

            foreach (var warning in version.Warnings ?? [])
            {
                // On stderr, so a script that parses the summary is not disturbed, and a human still sees it.
                io.Error.WriteLine($"warning: {warning}");
            }

            if (version.State == "failed")
            {
                // The upload worked but the model will not serve: scripts must see a failure.
                throw new CliException($"{version.Name}:{version.Version} failed to load: {version.Error ?? "no reason given"}");
            }

            return 0;
        });
        return command;
    }

    private static Task<ModelVersionInfo> UploadAsync(
        CliIo io, MaasClient client, string path, string name, PushOptions options, CancellationToken cancellationToken)
    {
        // A bar only makes sense on a terminal; in a pipe or CI log it would be a wall of redraws.
        if (!io.Out.Profile.Capabilities.Interactive)
        {
            return client.PushAsync(path, name, options, cancellationToken);
        }

        return io.Out.Progress()
            .AutoClear(true)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new DownloadedColumn(),
                new TransferSpeedColumn(),
                new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape($"uploading {name}"));
                task.IsIndeterminate = true;
                var progress = new InlineProgress<UploadProgress>(p =>
                {
                    task.IsIndeterminate = false;
                    task.MaxValue = Math.Max(1, p.TotalBytes);
                    task.Value = p.BytesSent;
                });
                return await client.PushAsync(path, name, options with { Progress = progress }, cancellationToken).ConfigureAwait(false);
            });
    }
}
