using Maas.Pipelines.Outputs;
using Maas.Pipelines.Text;
using Maas.Runtime.Tasks;

namespace Maas.Pipelines.TokenClassification;

/// <summary>Texts → named entities with offsets into each text (token classification, "simple" aggregation).</summary>
public sealed class TokenClassificationPipeline : TaskPipeline
{
    private readonly TextRunner _text;
    private readonly EntityGrouper _grouper;

    internal TokenClassificationPipeline(TextRunner text, EntityGrouper grouper)
        : base(TaskNames.TokenClassification)
    {
        _text = text;
        _grouper = grouper;
    }

    public Task<IReadOnlyList<IReadOnlyList<Entity>>> RecognizeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Count == 0
            ? Task.FromResult<IReadOnlyList<IReadOnlyList<Entity>>>([])
            : _text.RunAsync<IReadOnlyList<IReadOnlyList<Entity>>>(texts, (batch, logits) =>
            {
                var labels = TextRunner.LastDimension(logits, 3, texts.Count);
                var values = OutputReader.Floats(logits);
                var perRow = batch.SequenceLength * labels;
                var results = new IReadOnlyList<Entity>[texts.Count];
                for (var i = 0; i < results.Length; i++)
                {
                    results[i] = _grouper.Group(texts[i], batch.Encodings[i], values.Slice(i * perRow, perRow), labels);
                }

                return results;
            }, cancellationToken);
    }
}
