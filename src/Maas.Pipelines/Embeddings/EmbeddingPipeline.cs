using Maas.Errors;
using Maas.Pipelines.Outputs;
using Maas.Pipelines.Text;
using Maas.Runtime.Tasks;

namespace Maas.Pipelines.Embeddings;

/// <summary>
/// Texts → sentence embeddings (feature extraction): token vectors pooled over the attention mask (or [CLS]) and
/// L2-normalised, or the model's own pooled output when it has one. Optionally truncated to fewer dimensions
/// (Matryoshka-style), re-normalised afterwards when the model normalises.
/// </summary>
public sealed class EmbeddingPipeline : TaskPipeline
{
    private readonly TextRunner _text;

    internal EmbeddingPipeline(TextRunner text, PoolingMode pooling, bool normalize, int? dimensions)
        : base(TaskNames.FeatureExtraction)
    {
        _text = text;
        PoolingMode = pooling;
        Normalize = normalize;
        Dimensions = dimensions;
    }

    public PoolingMode PoolingMode { get; }

    public bool Normalize { get; }

    /// <summary>The embedding size when the model's signature fixes it.</summary>
    public int? Dimensions { get; }

    public Task<EmbeddingResult> EmbedAsync(IReadOnlyList<string> texts, int? dimensions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (dimensions is { } asked && (asked < 1 || asked > (Dimensions ?? int.MaxValue)))
        {
            throw new MaasException(ErrorKind.InvalidInput, $"dimensions must be from 1 to {Dimensions} for this model, not {asked}")
            {
                Param = "dimensions",
            };
        }

        return texts.Count == 0
            ? Task.FromResult(new EmbeddingResult([], 0))
            : _text.RunAsync(texts, (batch, output) => Read(batch, output, texts.Count, dimensions), cancellationToken);
    }

    private EmbeddingResult Read(TextBatch batch, Maas.Tensors.Tensor output, int rows, int? dimensions)
    {
        var pooled = output.Shape.Length == 2;
        var hidden = TextRunner.LastDimension(output, pooled ? 2 : 3, rows);
        if (dimensions > hidden)
        {
            throw new MaasException(ErrorKind.InvalidInput, $"dimensions must be from 1 to {hidden} for this model, not {dimensions}")
            {
                Param = "dimensions",
            };
        }

        var values = OutputReader.Floats(output);
        var perRow = pooled ? hidden : batch.SequenceLength * hidden;
        var vectors = new float[rows][];
        for (var i = 0; i < rows; i++)
        {
            var row = values.Slice(i * perRow, perRow);
            var vector = pooled ? row.ToArray() : Pooling.Pool(row, batch.Encodings[i].Length, hidden, PoolingMode);
            if (dimensions is { } d && d < hidden)
            {
                vector = vector[..d];
            }

            if (Normalize)
            {
                Pooling.Normalize(vector);
            }

            vectors[i] = vector;
        }

        return new EmbeddingResult(vectors, batch.TokenCount);
    }
}
