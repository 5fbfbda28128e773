namespace Maas.Routing.Generation;

/// <summary>
/// One generation request: every prompt gets <paramref name="N"/> choices (seeds seed+i), all admitted before the
/// answer starts. <paramref name="PromptParam"/> names the request field that holds the prompts, for errors.
/// </summary>
public sealed record GenerationCall(
    IReadOnlyList<GenerationPrompt> Prompts,
    int N,
    GenerationOptions Options,
    IReadOnlyList<string> Stops,
    string PromptParam);
