using Microsoft.ML.OnnxRuntime;

namespace Maas.Llm.Models;

/// <summary>
/// The OrtValues one forward pass returned: <c>logits</c> [rows, new, vocab] and the presents in past-input order.
/// Kept alive after the step when the same batch decodes again, so its presents become the next past unchanged.
/// Shapes come from the batch that was fed, not from the values: asking ONNX Runtime costs a native round trip each.
/// </summary>
internal sealed class DecoderOutputs(IDisposableReadOnlyCollection<OrtValue> values, int rows, int newWidth, int presentLength) : IDisposable
{
    /// <summary>The presents, in the order <see cref="DecoderSignature.InputNames"/> lists the past inputs.</summary>
    public IReadOnlyList<OrtValue> Presents { get; } = values.Skip(1).ToArray();

    /// <summary>Length of the sequence axis of the presents (past width plus new width).</summary>
    public int PresentLength => presentLength;

    /// <summary>All logits, [rows, new, vocab]; read once per step and sliced with <see cref="LastLogits"/>.</summary>
    public ReadOnlySpan<float> Logits => values.First().GetTensorDataAsSpan<float>();

    /// <summary>Logits of the last new position of <paramref name="row"/>; left padding puts every row's last token there.</summary>
    public ReadOnlySpan<float> LastLogits(ReadOnlySpan<float> logits, int row)
    {
        var vocab = logits.Length / (rows * newWidth);
        return logits.Slice(((row * newWidth) + newWidth - 1) * vocab, vocab);
    }

    public void Dispose() => values.Dispose();
}
