using System.CommandLine;
using Maas.Client;

namespace Maas.Cli.Commands;

/// <summary>The sampling options <c>generate</c> and <c>chat</c> share.</summary>
internal sealed class GenerationOptionsBinding
{
    public Option<int?> MaxTokens { get; } = new("--max-tokens", "-n") { Description = "Most tokens to generate (default: the model's)", HelpName = "N" };

    public Option<float?> Temperature { get; } = new("--temperature", "-T") { Description = "0 is greedy; higher is more random (default: the model's)", HelpName = "T" };

    public void AddTo(Command command)
    {
        command.Add(MaxTokens);
        command.Add(Temperature);
    }

    public GenerationOptions Read(ParseResult parseResult) => new()
    {
        MaxTokens = parseResult.GetValue(MaxTokens),
        Temperature = parseResult.GetValue(Temperature),
    };
}
