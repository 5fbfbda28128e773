using Maas.Tokenizers;
using Microsoft.ML.OnnxRuntime;

namespace Maas.Bench.Pipelines;

/// <summary>
/// The baseline a user could write without a server: the same tokenizer.json loader plus one ONNX Runtime session,
/// softmax in the caller. Batches are padded to their longest text, as the server does.
/// </summary>
internal sealed class InProcessClassifier : IDisposable
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly HfTokenizer _tokenizer;
    private readonly int _maxLength;

    public InProcessClassifier(string folder)
    {
        _tokenizer = HfTokenizer.Load(Path.Combine(folder, "tokenizer.json"));
        _maxLength = _tokenizer.ModelMaxLength ?? 512;
        _options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        _options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(Path.Combine(folder, "model.onnx"), _options);
    }

    /// <summary>Tokenise, pad, run, softmax; returns the positive-class probability of each text.</summary>
    public float[] Classify(IReadOnlyList<string> texts)
    {
        var encodings = texts.Select(t => _tokenizer.Encode(t, addSpecialTokens: true, _maxLength)).ToArray();
        var batch = PaddedBatch.Create(encodings, _tokenizer.PadTokenId ?? 0);
        long[] shape = [batch.BatchSize, batch.SequenceLength];
        using var ids = OrtValue.CreateTensorValueFromMemory(batch.InputIds, shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(batch.AttentionMask, shape);
        using var types = OrtValue.CreateTensorValueFromMemory(batch.TypeIds, shape);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"], [ids, mask, types], ["logits"]);
        var logits = outputs[0].GetTensorDataAsSpan<float>();
        var result = new float[texts.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var (a, b) = (logits[i * 2], logits[(i * 2) + 1]);
            result[i] = (float)(1 / (1 + Math.Exp(a - b)));
        }

        return result;
    }

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
    }
}
