using Maas.Llm.Models;
using Microsoft.ML.OnnxRuntime;

namespace Maas.Llm.Tests;

/// <summary>
/// The floor the engine is compared with: ONNX Runtime driven by hand, batch 1, each present fed back as the next
/// past, argmax on the last logits. No scheduler, no cache copies, no sampling machinery.
/// </summary>
internal static class RawGreedyLoop
{
    public static List<int> Generate(InferenceSession session, int layers, int heads, int headDim, int[] promptIds, int maxNewTokens, IReadOnlySet<int> eos)
    {
        var generated = new List<int>();
        var past = new List<OrtValue>();
        for (var i = 0; i < layers * 2; i++)
        {
            past.Add(OrtValue.CreateTensorValueFromMemory(Array.Empty<float>(), [1, heads, 0, headDim]));
        }

        using var runOptions = new RunOptions();
        var feed = promptIds.Select(id => (long)id).ToArray();
        var length = 0;
        try
        {
            while (generated.Count < maxNewTokens)
            {
                var total = length + feed.Length;
                var names = new List<string> { "input_ids", "attention_mask", "position_ids" };
                using var ids = OrtValue.CreateTensorValueFromMemory(feed, [1, feed.Length]);
                using var mask = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, total).ToArray(), [1, total]);
                using var positions = OrtValue.CreateTensorValueFromMemory(
                    Enumerable.Range(length, feed.Length).Select(p => (long)p).ToArray(), [1, feed.Length]);
                var inputs = new List<OrtValue> { ids, mask, positions };
                var outputNames = new List<string> { "logits" };
                for (var layer = 0; layer < layers; layer++)
                {
                    names.Add(DecoderSignature.PastName(layer, value: false));
                    names.Add(DecoderSignature.PastName(layer, value: true));
                    outputNames.Add(DecoderSignature.PresentName(layer, value: false));
                    outputNames.Add(DecoderSignature.PresentName(layer, value: true));
                }

                inputs.AddRange(past);
                var outputs = session.Run(runOptions, names, inputs, outputNames);
                var logits = outputs[0].GetTensorDataAsSpan<float>();
                var vocab = logits.Length / feed.Length;
                var next = LastArgMax(logits[^vocab..]);

                foreach (var value in past)
                {
                    value.Dispose();
                }

                past = outputs.Skip(1).ToList();
                outputs[0].Dispose();
                length = total;
                generated.Add(next);
                if (eos.Contains(next))
                {
                    break;
                }

                feed = [next];
            }

            return generated;
        }
        finally
        {
            foreach (var value in past)
            {
                value.Dispose();
            }
        }
    }

    private static int LastArgMax(ReadOnlySpan<float> logits)
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
