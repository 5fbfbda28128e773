using System.Globalization;
using Maas.Errors;
using Maas.Llm.Models;

namespace Maas.Llm.Sampling;

/// <summary>
/// How one request picks its tokens. Fields follow vLLM's names and OpenAI's semantics; every filter is off at its
/// default. <c>n</c> choices are the caller's business: call the engine n times (with seeds seed, seed+1, …) so each
/// choice is an ordinary sequence that batches with everything else. Stop strings are text-level and live in the
/// caller too: it decodes the stream and cancels the request once a stop string appears.
/// </summary>
public sealed record SamplingParameters
{
    public const int MaxTopLogprobs = 20;

    /// <summary>Greedy decoding (argmax), with nothing else changed.</summary>
    public static SamplingParameters Greedy { get; } = new() { Temperature = 0 };

    /// <summary>0 means greedy (argmax); otherwise logits are divided by it before sampling.</summary>
    public float Temperature { get; init; } = 1f;

    /// <summary>Keep only the k most likely tokens; 0 keeps all.</summary>
    public int TopK { get; init; }

    /// <summary>Keep the smallest set of most likely tokens whose probability reaches p; 1 keeps all.</summary>
    public float TopP { get; init; } = 1f;

    /// <summary>Drop tokens less likely than min_p × the most likely token's probability; 0 keeps all.</summary>
    public float MinP { get; init; }

    /// <summary>Same seed, same prompt, same parameters → same tokens. Null draws a seed from the engine's random source.</summary>
    public int? Seed { get; init; }

    /// <summary>Hugging Face style: logits of tokens seen in prompt or output are divided by it when positive and multiplied when negative.</summary>
    public float RepetitionPenalty { get; init; } = 1f;

    /// <summary>OpenAI style: subtracted once from the logit of every token already generated.</summary>
    public float PresencePenalty { get; init; }

    /// <summary>OpenAI style: subtracted from a token's logit once per time it was generated.</summary>
    public float FrequencyPenalty { get; init; }

    /// <summary>New tokens at most; null runs until a stop token or the end of the context.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Extra ids that end the sequence, on top of the model's eos ids (vLLM's <c>stop_token_ids</c>).</summary>
    public IReadOnlyList<int> StopTokenIds { get; init; } = [];

    /// <summary>Keep generating past the model's eos ids (vLLM's <c>ignore_eos</c>; for benchmarks). Stop ids still apply.</summary>
    public bool IgnoreEos { get; init; }

    /// <summary>Return the chosen token's logprob with every token.</summary>
    public bool Logprobs { get; init; }

    /// <summary>How many most likely alternatives to return with each token (0 to <see cref="MaxTopLogprobs"/>).</summary>
    public int TopLogprobs { get; init; }

    public bool IsGreedy => Temperature == 0f;

    /// <summary>The model's generation_config.json defaults as parameters; the HTTP layer overrides what the request sets.</summary>
    public static SamplingParameters FromDefaults(GenerationDefaults defaults) => new()
    {
        // HF treats do_sample=false as greedy whatever the temperature says.
        Temperature = defaults.DoSample == false ? 0f : defaults.Temperature ?? 1f,
        TopK = defaults.TopK ?? 0,
        TopP = defaults.TopP ?? 1f,
        RepetitionPenalty = defaults.RepetitionPenalty ?? 1f,
        MaxTokens = defaults.MaxNewTokens,
    };

    /// <summary>Throws <see cref="ErrorKind.InvalidInput"/> naming the first field out of range.</summary>
    public void Validate(int vocabSize)
    {
        Check(Temperature >= 0 && float.IsFinite(Temperature), "temperature", Temperature, "must be >= 0");
        Check(TopK >= 0, "top_k", TopK, "must be >= 0");
        Check(TopP > 0 && TopP <= 1, "top_p", TopP, "must be in (0, 1]");
        Check(MinP >= 0 && MinP <= 1, "min_p", MinP, "must be in [0, 1]");
        Check(RepetitionPenalty > 0 && float.IsFinite(RepetitionPenalty), "repetition_penalty", RepetitionPenalty, "must be > 0");
        Check(PresencePenalty is >= -2 and <= 2, "presence_penalty", PresencePenalty, "must be in [-2, 2]");
        Check(FrequencyPenalty is >= -2 and <= 2, "frequency_penalty", FrequencyPenalty, "must be in [-2, 2]");
        Check(MaxTokens is null or >= 1, "max_tokens", MaxTokens ?? 0, "must be >= 1");
        Check(TopLogprobs is >= 0 and <= MaxTopLogprobs, "top_logprobs", TopLogprobs, $"must be in [0, {MaxTopLogprobs}]");
        foreach (var id in StopTokenIds)
        {
            Check(id >= 0 && id < vocabSize, "stop_token_ids", id, $"must be token ids below the vocabulary size {vocabSize}");
        }
    }

    private static void Check(bool ok, string field, double value, string rule)
    {
        if (!ok)
        {
            throw MaasException.InvalidInput(string.Create(CultureInfo.InvariantCulture, $"{field} {rule}; got {value}"));
        }
    }
}
