using Maas.Models;

namespace Maas.Llm.Serving;

/// <summary>
/// Merges an LLM version's engine settings. Threads per operator, first set wins: maas.json <c>llm.intra_op_threads</c>,
/// maas.json <c>onnx.intra_op_threads</c>, <c>Maas:Llm:IntraOpThreads</c>, then the engine's default (half the cores).
/// <c>Maas:Onnx:IntraOpThreads</c> is for tensor models (default 1, since they get parallelism from concurrent
/// requests) and does not apply; the rest of <c>Maas:Onnx</c> and maas.json <c>onnx</c> reaches the session through
/// the server's session factory.
/// </summary>
internal static class EngineSettings
{
    public static GenerationEngineOptions Resolve(LlmServingOptions server, LlmServingOptions? model, ModelManifest manifest, string? modelFile)
    {
        var merged = server.With(model);
        if (model?.IntraOpThreads is null && manifest.Onnx?.IntraOpThreads is { } threads)
        {
            merged = merged.With(new LlmServingOptions { IntraOpThreads = threads });
        }

        var engine = merged.ToEngineOptions(modelFile);
        engine.Onnx = manifest.Onnx;
        return engine;
    }
}
