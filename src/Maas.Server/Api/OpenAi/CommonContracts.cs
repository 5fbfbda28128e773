using System.Text.Json;

namespace Maas.Server.Api.OpenAi;

/// <summary>
/// Fields chat and completions share: OpenAI's sampling fields plus vLLM's extras at top level (<c>top_k</c>,
/// <c>min_p</c>, <c>repetition_penalty</c>, <c>ignore_eos</c>, <c>stop_token_ids</c>, <c>return_token_ids</c>).
/// Unknown fields are ignored, as vLLM does. Polymorphic fields stay <see cref="JsonElement"/> and are checked by hand.
/// </summary>
internal abstract class GenerationRequest
{
    public string? Model { get; set; }

    public float? Temperature { get; set; }

    public float? TopP { get; set; }

    public int? N { get; set; }

    public bool Stream { get; set; }

    public StreamOptions? StreamOptions { get; set; }

    public JsonElement Stop { get; set; }

    public float? PresencePenalty { get; set; }

    public float? FrequencyPenalty { get; set; }

    public long? Seed { get; set; }

    public int? MaxTokens { get; set; }

    public JsonElement LogitBias { get; set; }

    public string? User { get; set; }

    public int? TopK { get; set; }

    public float? MinP { get; set; }

    public float? RepetitionPenalty { get; set; }

    public bool IgnoreEos { get; set; }

    public int[]? StopTokenIds { get; set; }

    /// <summary>vLLM's extension: answer the prompt and generated token ids beside the text.</summary>
    public bool ReturnTokenIds { get; set; }
}

internal sealed class StreamOptions
{
    public bool IncludeUsage { get; set; }
}

internal sealed record Usage(int PromptTokens, int CompletionTokens, int TotalTokens)
{
    public static Usage Of(int prompt, int completion) => new(prompt, completion, prompt + completion);
}

internal sealed record ModelList(string Object, IReadOnlyList<ModelCard> Data);

internal sealed record ModelCard(string Id, string Object, long Created, string OwnedBy);

/// <summary>The body of a <c>data:</c> error event sent after a stream began.</summary>
internal sealed record StreamError(StreamErrorBody Error);

internal sealed record StreamErrorBody(string Message, string Type, string? Param, string? Code);
