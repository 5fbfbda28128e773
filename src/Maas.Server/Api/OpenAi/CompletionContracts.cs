using System.Text.Json;
using System.Text.Json.Serialization;

namespace Maas.Server.Api.OpenAi;

internal sealed class CompletionRequest : GenerationRequest
{
    /// <summary>A string, an array of strings, an array of token ids, or an array of such arrays.</summary>
    public JsonElement Prompt { get; set; }

    public bool Echo { get; set; }

    public string? Suffix { get; set; }

    /// <summary>The legacy API's top-N: 0 returns the chosen token's logprob only.</summary>
    public int? Logprobs { get; set; }

    public int? BestOf { get; set; }
}

internal sealed record CompletionResponse(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<CompletionChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Usage? Usage);

internal sealed record CompletionChoice(int Index, string Text, CompletionLogprobs? Logprobs, string? FinishReason)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? TokenIds { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? PromptTokenIds { get; init; }
}

internal sealed record CompletionLogprobs(
    IReadOnlyList<string> Tokens,
    IReadOnlyList<float> TokenLogprobs,
    IReadOnlyList<Dictionary<string, float>> TopLogprobs,
    IReadOnlyList<int> TextOffset);
