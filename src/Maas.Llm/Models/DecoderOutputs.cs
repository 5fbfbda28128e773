using Microsoft.ML.OnnxRuntime;

namespace Maas.Llm.Models;

/// <summary>
/// The OrtValues one forward pass returned: <c>logits</c> [rows, new, vocab] and the presents in past-input order.
/// Kept alive after the step when the same batch decodes again, so its presents become the next past unchanged.
/// </summary>
internal sealed class DecoderOutputs(IDisposableReadOnlyCollection<OrtValue> values, int vocabSize) : IDisposable
{
    /// <summary>The presents, in the order <see cref="DecoderSignature.InputNames"/> lists the past inputs.</summary>
    public IReadOnlyList<OrtValue> Presents { get; } = values.Skip(1).ToArray();

    /// <summary>Length of the sequence axis of the presents (past width plus new width).</summary>
    public int PresentLength => (int)Presents[0].GetTensorTypeAndShape().Shape[2];

    /// <summary>Logits of the last new position of <paramref name="row"/>; left padding puts every row's last token there.</summary>
    public ReadOnlySpan<float> LastLogits(int row, int newWidth)
    {
        var all = values.First().GetTensorDataAsSpan<float>();
        return all.Slice(((row * newWidth) + newWidth - 1) * vocabSize, vocabSize);
    }

    public void Dispose() => values.Dispose();
}
