using Maas.Pipelines.Outputs;
using Maas.Pipelines.Text;
using Maas.Runtime.Tasks;

namespace Maas.Pipelines.Classification;

/// <summary>Texts → labels with softmax (or sigmoid, multi-label) scores, the Hugging Face text-classification pipeline.</summary>
public sealed class TextClassificationPipeline : TaskPipeline
{
    private readonly TextRunner _text;
    private readonly LabelScorer _scorer;

    internal TextClassificationPipeline(TextRunner text, LabelScorer scorer)
        : base(TaskNames.TextClassification)
    {
        _text = text;
        _scorer = scorer;
    }

    public bool MultiLabel => _scorer.MultiLabel;

    public Task<IReadOnlyList<ClassificationResult>> ClassifyAsync(IReadOnlyList<string> texts, int? topK, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Count == 0
            ? Task.FromResult<IReadOnlyList<ClassificationResult>>([])
            : _text.RunAsync<IReadOnlyList<ClassificationResult>>(texts, (batch, logits) =>
            {
                var labels = TextRunner.LastDimension(logits, 2, texts.Count);
                var values = OutputReader.Floats(logits);
                var results = new ClassificationResult[texts.Count];
                for (var i = 0; i < results.Length; i++)
                {
                    results[i] = _scorer.Score(values.Slice(i * labels, labels), topK);
                }

                return results;
            }, cancellationToken);
    }
}
