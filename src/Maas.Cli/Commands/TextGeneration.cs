using Maas.Client;

namespace Maas.Cli.Commands;

/// <summary>The commands that only make sense for one kind of model, and what to say when the model is the other kind.</summary>
internal static class TextGeneration
{
    public const string Task = "text-generation";

    /// <summary>Throws a one-line <see cref="CliException"/> unless <paramref name="model"/> exists, generates text and loaded.</summary>
    public static async Task EnsureAsync(MaasClient client, string model, CancellationToken cancellationToken)
    {
        var version = await client.GetVersionAsync(ModelReference.Parse(model), cancellationToken).ConfigureAwait(false);
        if (version.Task != Task)
        {
            throw new CliException(
                $"{model} is a {version.Task ?? "tensor"} model, not a {Task} one: chat needs an LLM; `maas predict {model}` calls this one");
        }

        if (version.State == "failed")
        {
            throw new CliException($"{version.Name}:{version.Version} failed to load: {version.Error ?? "no reason given"}");
        }
    }

    /// <summary>
    /// Whether a predict the server refused went to an LLM: then the server's complaint about instances is beside the
    /// point and the user needs the right command. Asked only after a refusal, so a good predict costs one request.
    /// </summary>
    public static async Task<bool> IsTextGenerationAsync(MaasClient client, ModelReference model, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetVersionAsync(model, cancellationToken).ConfigureAwait(false)).Task == Task;
        }
        catch (MaasApiException)
        {
            return false;
        }
    }

    public static string UseGenerateInstead(ModelReference model) =>
        $"{model} is a {Task} model, which predict does not call: use `maas generate {model} \"PROMPT\"` or `maas chat {model}`";
}
