using Maas.Inference;
using Maas.Tokenizers;

namespace Maas.Pipelines.Text;

/// <summary>
/// A batch of texts tokenised and padded for one engine run: the encodings (for offsets and token counts) and the
/// request whose tensors live in pooled buffers (returned when this batch is disposed).
/// </summary>
internal sealed class TextBatch(IReadOnlyList<Encoding> encodings, int sequenceLength, InferenceRequest request) : IDisposable
{
    public IReadOnlyList<Encoding> Encodings { get; } = encodings;

    /// <summary>The padded length every row has (the longest encoding, rounded up to the bucket size).</summary>
    public int SequenceLength { get; } = sequenceLength;

    public InferenceRequest Request { get; } = request;

    public int TokenCount => Encodings.Sum(e => e.Length);

    public void Dispose() => Request.Dispose();
}
