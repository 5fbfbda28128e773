namespace Maas.Runtime.Onnx;

/// <summary>
/// Server-wide ONNX Runtime settings, bound from the <c>Maas:Onnx</c> configuration section
/// (e.g. <c>MAAS__ONNX__INTRAOPTHREADS=2</c>). Validated at start.
/// </summary>
public sealed class OnnxOptions
{
    public const string SectionName = "Maas:Onnx";

    /// <summary>
    /// Threads one inference may use for a single operator; 0 lets ONNX Runtime use every core. The default is 1
    /// because a server runs many requests (and many models) at once on few cores: parallelism comes from
    /// concurrent requests and batching, and per-operator thread pools would only fight over the same cores.
    /// A model's maas.json <c>onnx.intra_op_threads</c> and a load call's <see cref="Inference.ModelLoadSettings.IntraOpThreads"/>
    /// override it per model; LLM engines use <c>Maas:Llm:IntraOpThreads</c> instead (see docs/design/generation.md).
    /// </summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Threads for running independent graph branches; only used by the parallel execution mode, so 1.</summary>
    public int InterOpThreads { get; set; } = 1;

    /// <summary><c>disable</c>, <c>basic</c>, <c>extended</c> or <c>all</c> (the default).</summary>
    public string GraphOptimizationLevel { get; set; } = "all";

    /// <summary>
    /// Whether idle ORT worker threads spin waiting for work. Off by default: spinning lowers latency a little
    /// but burns whole cores that other requests, models and colleagues on the machine need.
    /// </summary>
    public bool AllowSpinning { get; set; }
}
