using System.Globalization;
using System.Text.Json;
using Maas.Routing.Generation;

namespace Maas.Server.Api.OpenAi;

/// <summary>
/// Checks the shared generation fields against OpenAI's documented ranges (each failure a 400 naming its <c>param</c>)
/// and hands them to the router as protocol-neutral generation options.
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
    /// The request's sampling fields for the router, which fills what is left out from the model's
    /// generation_config.json. <paramref name="maxTokens"/> is the request's explicit limit or null, which takes
    /// <c>max_new_tokens</c>, else <paramref name="fallbackMaxTokens"/> (null: the rest of the context).
    /// </summary>
    public static GenerationOptions Options(GenerationRequest request, int? maxTokens, int? fallbackMaxTokens, bool logprobs, int topLogprobs) => new()
    {
        Temperature = request.Temperature,
        TopP = request.TopP,
        TopK = request.TopK,
        MinP = request.MinP,
        RepetitionPenalty = request.RepetitionPenalty,
        PresencePenalty = request.PresencePenalty,
        FrequencyPenalty = request.FrequencyPenalty,
        MaxTokens = maxTokens,
        FallbackMaxTokens = fallbackMaxTokens,
        StopTokenIds = request.StopTokenIds ?? [],
        IgnoreEos = request.IgnoreEos,
        Logprobs = logprobs,
        TopLogprobs = topLogprobs,
        Seed = request.Seed,
    };

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
