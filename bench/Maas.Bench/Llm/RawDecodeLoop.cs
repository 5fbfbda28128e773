using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace Maas.Bench.Llm;

/// <summary>
/// The floor for one stream: ONNX Runtime driven by hand in this process, batch 1, each <c>present</c> fed back as
/// the next <c>past</c>, argmax over the last logits. No scheduler, no HTTP, no detokenizer.
/// </summary>
internal sealed class RawDecodeLoop : IDisposable
{
    private readonly InferenceSession _session;
    private readonly int _layers;
    private readonly int _heads;
    private readonly int _headDim;

    public RawDecodeLoop(string onnxPath, int layers, int heads, int headDim)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(onnxPath, options);
        _layers = layers;
        _heads = heads;
        _headDim = headDim;
    }

    /// <summary>Generates <paramref name="newTokens"/> tokens (eos ignored); returns the prefill time and the decode time of the rest.</summary>
    public (TimeSpan Prefill, TimeSpan Decode) Run(int[] promptIds, int newTokens)
    {
        var past = new List<OrtValue>();
        for (var i = 0; i < _layers * 2; i++)
        {
            past.Add(OrtValue.CreateTensorValueFromMemory(Array.Empty<float>(), [1, _heads, 0, _headDim]));
        }

        var names = new List<string> { "input_ids", "attention_mask", "position_ids" };
        var outputNames = new List<string> { "logits" };
        for (var layer = 0; layer < _layers; layer++)
        {
            names.Add($"past_key_values.{layer}.key");
            names.Add($"past_key_values.{layer}.value");
            outputNames.Add($"present.{layer}.key");
            outputNames.Add($"present.{layer}.value");
        }

        using var runOptions = new RunOptions();
        var feed = promptIds.Select(id => (long)id).ToArray();
        var length = 0;
        var clock = Stopwatch.StartNew();
        var prefill = TimeSpan.Zero;
        try
        {
            for (var produced = 0; produced < newTokens; produced++)
            {
                var total = length + feed.Length;
                var mask = new long[total];
                Array.Fill(mask, 1L);
                var positions = new long[feed.Length];
                for (var p = 0; p < positions.Length; p++)
                {
                    positions[p] = length + p;
                }

                using var idsValue = OrtValue.CreateTensorValueFromMemory(feed, [1, feed.Length]);
                using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, [1, total]);
                using var positionValue = OrtValue.CreateTensorValueFromMemory(positions, [1, feed.Length]);
                var inputs = new List<OrtValue>(3 + past.Count) { idsValue, maskValue, positionValue };
                inputs.AddRange(past);
                var outputs = _session.Run(runOptions, names, inputs, outputNames);
                var logits = outputs[0].GetTensorDataAsSpan<float>();
                var vocab = logits.Length / feed.Length;
                var next = ArgMax(logits[^vocab..]);
                foreach (var value in past)
                {
                    value.Dispose();
                }

                past = [.. outputs.Skip(1)];
                outputs[0].Dispose();
                length = total;
                feed = [next];
                if (produced == 0)
                {
                    prefill = clock.Elapsed;
                }
            }

            return (prefill, clock.Elapsed - prefill);
        }
        finally
        {
            foreach (var value in past)
            {
                value.Dispose();
            }
        }
    }

    public void Dispose() => _session.Dispose();

    private static int ArgMax(ReadOnlySpan<float> logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
        {
            if (logits[i] > logits[best])
            {
                best = i;
            }
        }

        return best;
    }
}
