using System.Globalization;
using System.Text.Json;
using Maas.Llm.Sampling;
using Maas.Llm.Serving;

namespace Maas.Server.Api.OpenAi;

/// <summary>
/// Checks the shared generation fields (each failure a 400 naming its <c>param</c>) and turns them into engine
/// parameters, with the model's generation_config.json filling what the request leaves out.
/// </summary>
internal static class SamplingRequest
{
    public const int MaxChoices = 8;
    public const int MaxStops = 16;

    /// <summary>The checks that need no model, run before the model is leased.</summary>
    public static void Validate(GenerationRequest request)
    {
        Range(request.Temperature, 0, 2, "temperature", "in [0, 2]");
        if (request.TopP is { } topP && !(topP > 0 && topP <= 1))
        {
            throw Out("top_p", topP, "in (0, 1]");
        }

        Range(request.N, 1, MaxChoices, "n", $"in [1, {MaxChoices}]");
        Range(request.MaxTokens, 1, int.MaxValue, "max_tokens", ">= 1");
        Range(request.PresencePenalty, -2, 2, "presence_penalty", "in [-2, 2]");
        Range(request.FrequencyPenalty, -2, 2, "frequency_penalty", "in [-2, 2]");
        Range(request.TopK, -1, int.MaxValue, "top_k", ">= -1 (-1 or 0 keep every token)");
        Range(request.MinP, 0, 1, "min_p", "in [0, 1]");
        if (request.RepetitionPenalty is { } repetition && !(repetition > 0 && float.IsFinite(repetition)))
        {
            throw Out("repetition_penalty", repetition, "> 0");
        }

        if (request.StreamOptions is not null && !request.Stream)
        {
            throw OpenAiRequests.Invalid("stream_options", "'stream_options' is only allowed when 'stream' is true");
        }

        if (request.LogitBias.ValueKind == JsonValueKind.Object && request.LogitBias.EnumerateObject().Any())
        {
            throw OpenAiRequests.Invalid("logit_bias", "'logit_bias' is not supported by this server");
        }

        Stops(request.Stop);
    }

    public static IReadOnlyList<string> Stops(JsonElement stop)
    {
        switch (stop.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return [];
            case JsonValueKind.String:
                return stop.GetString() is { Length: > 0 } single ? [single] : throw OpenAiRequests.Invalid("stop", "'stop' must not be empty");
            case JsonValueKind.Array when stop.GetArrayLength() <= MaxStops:
                var list = new List<string>();
                foreach (var item in stop.EnumerateArray())
                {
                    list.Add(item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } s
                        ? s
                        : throw OpenAiRequests.Invalid("stop", "'stop' must hold non-empty strings"));
                }

                return list;
            default:
                throw OpenAiRequests.Invalid("stop", $"'stop' must be a string or an array of at most {MaxStops} strings");
        }
    }

    /// <summary>
    /// Engine parameters for one choice. <paramref name="maxTokens"/> is the request's explicit limit (checked against
    /// the context later) or null, which takes generation_config.json's <c>max_new_tokens</c>, else
    /// <paramref name="fallbackMaxTokens"/> (null: the rest of the context), always cut to what fits after the prompt.
    /// </summary>
    public static SamplingParameters Build(
        GenerationRequest request, LlmModel model, int promptTokens, int? maxTokens, int? fallbackMaxTokens, bool logprobs, int topLogprobs)
    {
        var defaults = model.Engine.Model.Defaults;
        var baseline = SamplingParameters.FromDefaults(defaults);
        var room = Math.Max(1, model.ContextLength - promptTokens);
        var max = maxTokens ?? Math.Min(defaults.MaxNewTokens ?? fallbackMaxTokens ?? room, room);
        var vocab = model.Engine.Model.VocabSize;
        foreach (var id in request.StopTokenIds ?? [])
        {
            if (id < 0 || id >= vocab)
            {
                throw OpenAiRequests.Invalid("stop_token_ids", $"stop_token_ids must be token ids below the vocabulary size {vocab}; got {id}");
            }
        }

        return baseline with
        {
            Temperature = request.Temperature ?? baseline.Temperature,
            TopP = request.TopP ?? baseline.TopP,
            TopK = request.TopK is { } k ? Math.Max(0, k) : baseline.TopK,
            MinP = request.MinP ?? 0,
            RepetitionPenalty = request.RepetitionPenalty ?? baseline.RepetitionPenalty,
            PresencePenalty = request.PresencePenalty ?? 0,
            FrequencyPenalty = request.FrequencyPenalty ?? 0,
            MaxTokens = max,
            StopTokenIds = request.StopTokenIds ?? [],
            IgnoreEos = request.IgnoreEos,
            Logprobs = logprobs,
            TopLogprobs = topLogprobs,
            Seed = request.Seed is { } seed ? unchecked((int)(seed ^ (seed >> 32))) : null,
        };
    }

    private static void Range(double? value, double min, double max, string param, string rule)
    {
        if (value is { } v && !(v >= min && v <= max))
        {
            throw Out(param, v, rule);
        }
    }

    private static Maas.Errors.MaasException Out(string param, double value, string rule) =>
        OpenAiRequests.Invalid(param, string.Create(CultureInfo.InvariantCulture, $"'{param}' must be {rule}; got {value}"));
}
