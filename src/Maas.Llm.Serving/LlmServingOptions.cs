namespace Maas.Llm.Serving;

/// <summary>
/// Engine settings for every text-generation version, bound from <c>Maas:Llm</c>; a folder's <c>maas.json</c> may
/// override them per model under <c>"llm": {...}</c> with the same names. Null keeps the engine's own default.
/// </summary>
public sealed class LlmServingOptions
{
    /// <summary>KV cache budget in tokens over all running sequences of one version.</summary>
    public int? CacheTokens { get; set; }

    /// <summary>Sequences decoded together at most.</summary>
    public int? MaxRunning { get; set; }

    /// <summary>Requests queued for admission at most; one more answers 429.</summary>
    public int? MaxWaiting { get; set; }

    /// <summary>Prompt tokens prefilled per step.</summary>
    public int? PrefillChunkTokens { get; set; }

    /// <summary>ONNX Runtime threads per operator (default: half the cores).</summary>
    public int? IntraOpThreads { get; set; }

    /// <summary>Seconds a request may wait for admission before 503.</summary>
    public double? MaxQueueWaitSeconds { get; set; }

    /// <summary>Checked at start for <c>Maas:Llm</c> and at push for maas.json's <c>llm</c> block.</summary>
    public IEnumerable<string> Problems(string prefix = "Maas:Llm:")
    {
        foreach (var (key, value) in new[] { ("CacheTokens", CacheTokens), ("MaxRunning", MaxRunning), ("MaxWaiting", MaxWaiting), ("PrefillChunkTokens", PrefillChunkTokens) })
        {
            if (value is < 1)
            {
                yield return $"{prefix}{key} must be 1 or more; got {value}";
            }
        }

        if (IntraOpThreads is < 0)
        {
            yield return $"{prefix}IntraOpThreads must be 0 (all cores) or more; got {IntraOpThreads}";
        }

        if (MaxQueueWaitSeconds is { } wait && !(wait > 0 && double.IsFinite(wait)))
        {
            yield return $"{prefix}MaxQueueWaitSeconds must be positive; got {wait}";
        }
    }

    internal LlmServingOptions With(LlmServingOptions? overrides) => overrides is null
        ? this
        : new LlmServingOptions
        {
            CacheTokens = overrides.CacheTokens ?? CacheTokens,
            MaxRunning = overrides.MaxRunning ?? MaxRunning,
            MaxWaiting = overrides.MaxWaiting ?? MaxWaiting,
            PrefillChunkTokens = overrides.PrefillChunkTokens ?? PrefillChunkTokens,
            IntraOpThreads = overrides.IntraOpThreads ?? IntraOpThreads,
            MaxQueueWaitSeconds = overrides.MaxQueueWaitSeconds ?? MaxQueueWaitSeconds,
        };

    internal GenerationEngineOptions ToEngineOptions(string? modelFile)
    {
        var engine = new GenerationEngineOptions { ModelFile = modelFile };
        engine.CacheTokens = CacheTokens ?? engine.CacheTokens;
        engine.MaxRunning = MaxRunning ?? engine.MaxRunning;
        engine.MaxWaiting = MaxWaiting ?? engine.MaxWaiting;
        engine.PrefillChunkTokens = PrefillChunkTokens ?? engine.PrefillChunkTokens;
        engine.IntraOpThreads = IntraOpThreads ?? engine.IntraOpThreads;
        engine.MaxQueueWait = MaxQueueWaitSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : engine.MaxQueueWait;
        return engine;
    }
}
