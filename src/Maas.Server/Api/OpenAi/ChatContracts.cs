using System.Text.Json;
using System.Text.Json.Serialization;

namespace Maas.Server.Api.OpenAi;

internal sealed class ChatRequest : GenerationRequest
{
    public JsonElement Messages { get; set; }

    public int? MaxCompletionTokens { get; set; }

    public bool Logprobs { get; set; }

    public int? TopLogprobs { get; set; }

    public JsonElement ResponseFormat { get; set; }

    public JsonElement Tools { get; set; }

    public JsonElement ToolChoice { get; set; }

    /// <summary>vLLM's extras: template switches.</summary>
    public bool? AddGenerationPrompt { get; set; }

    public JsonElement ChatTemplateKwargs { get; set; }
}

internal sealed record ChatResponse(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<ChatChoice> Choices,
    Usage Usage)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? PromptTokenIds { get; init; }
}

internal sealed record ChatChoice(int Index, ChatMessage Message, ChatLogprobs? Logprobs, string? FinishReason)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? TokenIds { get; init; }
}

internal sealed record ChatMessage(string Role, string Content);

internal sealed record ChatChunk(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<ChatChunkChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Usage? Usage);

internal sealed record ChatChunkChoice(int Index, ChatDelta Delta, ChatLogprobs? Logprobs, string? FinishReason)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? TokenIds { get; init; }
}

internal sealed record ChatDelta(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content);

internal sealed record ChatLogprobs(IReadOnlyList<ChatTokenLogprob> Content);

internal sealed record ChatTokenLogprob(string Token, float Logprob, IReadOnlyList<int> Bytes, IReadOnlyList<ChatTopLogprob> TopLogprobs);

internal sealed record ChatTopLogprob(string Token, float Logprob, IReadOnlyList<int> Bytes);
