using Maas.Llm.Sampling;
using Maas.Llm.Serving;

namespace Maas.Routing.Generation;

/// <summary>
/// Sampling as a client asked for it, protocol-neutral (OpenAI, Ollama and the CLI map their fields onto this); a
/// null field takes the model's generation_config.json value. Each protocol checks the ranges its own API documents.
/// </summary>
public sealed record GenerationOptions
{
    public float? Temperature { get; init; }

    public float? TopP { get; init; }

    /// <summary>-1 or 0 keep every token.</summary>
    public int? TopK { get; init; }

    public float? MinP { get; init; }

    public float? RepetitionPenalty { get; init; }

    public float? PresencePenalty { get; init; }

    public float? FrequencyPenalty { get; init; }

    /// <summary>An explicit limit, refused when it cannot fit beside the prompt.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>
    /// The limit when neither the request nor generation_config.json's <c>max_new_tokens</c> gives one (OpenAI's 16
    /// for completions); null runs to the end of the context (chat, as vLLM). A default is cut to what fits.
    /// </summary>
    public int? FallbackMaxTokens { get; init; }

    public IReadOnlyList<int> StopTokenIds { get; init; } = [];

    public bool IgnoreEos { get; init; }

    public bool Logprobs { get; init; }

    public int TopLogprobs { get; init; }

    public long? Seed { get; init; }

    /// <summary>The engine's parameters for one prompt of <paramref name="promptTokens"/> tokens on <paramref name="model"/>.</summary>
    internal SamplingParameters Resolve(LlmModel model, int promptTokens)
    {
        var defaults = model.Engine.Model.Defaults;
        var baseline = SamplingParameters.FromDefaults(defaults);
        var room = Math.Max(1, model.ContextLength - promptTokens);
        var vocab = model.Engine.Model.VocabSize;
        foreach (var id in StopTokenIds)
        {
            if (id < 0 || id >= vocab)
            {
                throw GenerationErrors.Invalid("stop_token_ids", $"stop_token_ids must be token ids below the vocabulary size {vocab}; got {id}");
            }
        }

        return baseline with
        {
            Temperature = Temperature ?? baseline.Temperature,
            TopP = TopP ?? baseline.TopP,
            TopK = TopK is { } k ? Math.Max(0, k) : baseline.TopK,
            MinP = MinP ?? 0,
            RepetitionPenalty = RepetitionPenalty ?? baseline.RepetitionPenalty,
            PresencePenalty = PresencePenalty ?? 0,
            FrequencyPenalty = FrequencyPenalty ?? 0,
            MaxTokens = MaxTokens ?? Math.Min(defaults.MaxNewTokens ?? FallbackMaxTokens ?? room, room),
            StopTokenIds = StopTokenIds,
            IgnoreEos = IgnoreEos,
            Logprobs = Logprobs,
            TopLogprobs = TopLogprobs,
            Seed = Seed is { } seed ? unchecked((int)(seed ^ (seed >> 32))) : null,
        };
    }
}
