using Maas.Errors;
using Maas.Inference;
using Maas.Models;
using Microsoft.ML.OnnxRuntime;

namespace Maas.Llm.Models;

/// <summary>
/// One ONNX Runtime session over a "with past" decoder. Stateless between calls: the caller owns every cache
/// tensor and passes it in, so the same session serves any mix of sequences. Called from the step loop only.
/// </summary>
internal sealed class DecoderModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly IReadOnlyList<string> _inputNames;
    private readonly IReadOnlyList<string> _outputNames;

    private DecoderModel(InferenceSession session, DecoderSignature signature, DecoderModelInfo info)
    {
        _session = session;
        Signature = signature;
        Info = info;
        _inputNames = signature.InputNames();
        _outputNames = signature.OutputNames();
        PadTokenId = info.PadTokenId ?? (info.EosTokenIds.Count > 0 ? info.EosTokenIds[0] : 0);
    }

    public DecoderModelInfo Info { get; }

    public DecoderSignature Signature { get; }

    /// <summary>Id written into padded slots; the attention mask hides them, so any valid id works.</summary>
    public long PadTokenId { get; }

    public static DecoderModel Load(string folder, GenerationEngineOptions options)
    {
        if (!Directory.Exists(folder))
        {
            throw MaasException.InvalidModel($"model folder '{folder}' does not exist");
        }

        var relative = ModelFileLocator.Locate(folder, options.ModelFile).RelativePath;
        var config = ModelConfig.Read(folder);
        var settings = (options.Onnx ?? new OnnxSessionSettings()) with { IntraOpThreads = options.IntraOpThreads };
        InferenceSession session;
        try
        {
            var path = Path.Combine(folder, relative);
            session = options.OpenSession is { } open ? open(path, settings) : OpenStandalone(path, settings);
        }
        catch (OnnxRuntimeException ex)
        {
            throw MaasException.InvalidModel($"ONNX Runtime cannot load '{relative}': {ex.Message}", ex);
        }

        try
        {
            var signature = DecoderSignature.Read(Values(session.InputMetadata), Values(session.OutputMetadata));
            var info = Describe(relative, signature, config, options.FallbackContextLength);
            return new DecoderModel(session, signature, info);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Runs one forward pass; <paramref name="past"/> holds 2 × layers tensors [rows, heads, PastWidth, head_dim].</summary>
    public DecoderOutputs Run(StepBatch batch, IReadOnlyList<OrtValue> past)
    {
        var inputs = new List<OrtValue>(_inputNames.Count);
        try
        {
            inputs.Add(OrtValue.CreateTensorValueFromMemory(batch.InputIds, [batch.Rows, batch.NewWidth]));
            inputs.Add(OrtValue.CreateTensorValueFromMemory(batch.AttentionMask, [batch.Rows, batch.TotalWidth]));
            if (Signature.HasPositionIds)
            {
                inputs.Add(OrtValue.CreateTensorValueFromMemory(batch.PositionIds, [batch.Rows, batch.NewWidth]));
            }

            if (Signature.HasCacheBranch)
            {
                inputs.Add(OrtValue.CreateTensorValueFromMemory(new[] { batch.UseCacheBranch }, [1]));
            }

            var owned = inputs.Count;
            inputs.AddRange(past);
            try
            {
                return new DecoderOutputs(_session.Run(_runOptions, _inputNames, inputs, _outputNames), batch.Rows, batch.NewWidth, batch.TotalWidth);
            }
            finally
            {
                inputs.RemoveRange(owned, past.Count);
            }
        }
        finally
        {
            foreach (var input in inputs)
            {
                input.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    /// <summary>Without the server's session factory (tests, benchmarks): the same defaults as <c>Maas:Onnx</c>'s.</summary>
    private static InferenceSession OpenStandalone(string path, OnnxSessionSettings settings)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = settings.IntraOpThreads ?? 0,
            InterOpNumThreads = settings.InterOpThreads ?? 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = settings.GraphOptimizationLevel switch
            {
                "disable" => GraphOptimizationLevel.ORT_DISABLE_ALL,
                "basic" => GraphOptimizationLevel.ORT_ENABLE_BASIC,
                "extended" => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
                _ => GraphOptimizationLevel.ORT_ENABLE_ALL,
            },
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };

        // The step loop sleeps between requests; spinning workers would burn the cores the HTTP host needs.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        return new InferenceSession(path, options);
    }

    private static GraphValue[] Values(IReadOnlyDictionary<string, NodeMetadata> metadata) =>
        metadata
            .Where(m => m.Value.IsTensor)
            .Select(m => new GraphValue(m.Key, m.Value.ElementDataType, m.Value.Dimensions))
            .ToArray();

    private static DecoderModelInfo Describe(string file, DecoderSignature signature, ModelConfig config, int fallbackContextLength)
    {
        if (config.Layers is { } layers && layers != signature.Layers)
        {
            throw MaasException.InvalidModel($"config.json says {layers} layers but the graph has {signature.Layers} past_key_values pairs");
        }

        var kvHeads = signature.KeyValueHeads ?? config.KeyValueHeads ?? config.AttentionHeads
            ?? throw MaasException.InvalidModel("cannot tell the number of cache heads: the graph leaves it symbolic and config.json has no num_key_value_heads");
        var headDim = signature.HeadDim ?? config.HeadDim
            ?? (config.HiddenSize is { } hidden && config.AttentionHeads is { } heads && heads > 0 ? hidden / heads : (int?)null)
            ?? throw MaasException.InvalidModel("cannot tell the head dimension: the graph leaves it symbolic and config.json has no head_dim or hidden_size");
        var vocab = signature.VocabSize ?? config.VocabSize
            ?? throw MaasException.InvalidModel("cannot tell the vocabulary size: the logits output is symbolic and config.json has no vocab_size");

        return new DecoderModelInfo(
            file,
            signature.Layers,
            config.AttentionHeads,
            kvHeads,
            headDim,
            config.ContextLength ?? fallbackContextLength,
            vocab,
            config.EosTokenIds ?? [],
            config.BosTokenId,
            config.PadTokenId,
            signature.HasPositionIds,
            signature.HasCacheBranch,
            config.Defaults);
    }
}
