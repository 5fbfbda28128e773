using Maas.Inference;

namespace Maas.Llm;

/// <summary>Settings of one <see cref="GenerationEngine"/>; checked by <see cref="GenerationEngine.Load"/>.</summary>
public sealed class GenerationEngineOptions
{
    /// <summary>The ONNX file relative to the model folder; null follows maas.json and the folder conventions.</summary>
    public string? ModelFile { get; set; }

    /// <summary>
    /// ONNX Runtime threads per operator (0: every core). The default is half the cores (at least 1): an engine's step
    /// loop runs one forward pass at a time, so parallelism has to come from inside the operators, and the other half
    /// stays free for the HTTP host, tokenization and other models. Wins over <see cref="Onnx"/>'s thread count.
    /// </summary>
    public int IntraOpThreads { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>The model's own session settings (maas.json <c>onnx</c>), passed on to <see cref="OpenSession"/>.</summary>
    public OnnxSessionSettings? Onnx { get; set; }

    /// <summary>
    /// How the decoder's session is opened; the server sets its one session factory. Null (standalone use: tests,
    /// benchmarks) opens it with ORT's sequential mode, no spinning, full graph optimization unless <see cref="Onnx"/>
    /// says otherwise.
    /// </summary>
    public DecoderSessionOpener? OpenSession { get; set; }

    /// <summary>KV cache budget in tokens, summed over all running sequences (each reserves prompt + max new tokens).</summary>
    public int CacheTokens { get; set; } = 16_384;

    /// <summary>Sequences decoded together at most (the batch size of a decode step).</summary>
    public int MaxRunning { get; set; } = 16;

    /// <summary>Requests that may wait for admission; one more is refused with 429 and <see cref="RetryAfterSeconds"/>.</summary>
    public int MaxWaiting { get; set; } = 64;

    /// <summary>Prompt tokens fed per step; a longer prompt is prefilled over several steps, between decode steps.</summary>
    public int PrefillChunkTokens { get; set; } = 256;

    /// <summary>How long a request may wait for admission before it fails with 503.</summary>
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The Retry-After hint on queue-full and queue-timeout errors.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Context length for models whose config.json does not state one.</summary>
    public int FallbackContextLength { get; set; } = 2048;

    internal void Validate()
    {
        if (IntraOpThreads < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "must be 0 (every core) or more");
        }

        Positive(CacheTokens, nameof(CacheTokens));
        Positive(MaxRunning, nameof(MaxRunning));
        Positive(MaxWaiting, nameof(MaxWaiting));
        Positive(PrefillChunkTokens, nameof(PrefillChunkTokens));
        Positive(RetryAfterSeconds, nameof(RetryAfterSeconds));
        Positive(FallbackContextLength, nameof(FallbackContextLength));
        if (MaxQueueWait <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxQueueWait), MaxQueueWait, "must be positive");
        }
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, "must be positive");
        }
    }
}
