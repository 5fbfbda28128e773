using Maas.Errors;
using Maas.Pipelines;
using Maas.Pipelines.Classification;
using Maas.Pipelines.Embeddings;
using Maas.Pipelines.Images;
using Maas.Pipelines.TokenClassification;
using Maas.Routing.Tasks;
using Maas.Runtime.Loading;
using Maas.Runtime.Tasks;

namespace Maas.Routing;

public sealed partial class ModelRouter
{
    /// <summary>
    /// Texts or images through the version's task pipeline. This switch is the one place that knows which pipeline
    /// serves which task: a new task is a pipeline plus a case here. Images are metered per item, embedded texts per token.
    /// </summary>
    public async Task<TaskAnswer> RunTaskAsync(RoutedModel target, TaskCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(call);
        var task = target.Task;
        PipelineLimits.CheckCount(call.Texts?.Count ?? call.Images?.Count ?? 0, call.ItemName);
        using var lease = await LeaseAsync(target, cancellationToken);
        if (PipelineTasks.IsImage(task))
        {
            var images = call.Images ?? throw MaasException.InvalidInput(
                $"model '{target.Name}' is an {task} model; send images as {{\"b64\": \"...\"}}, not text");
            target.Caller.AddUsage(images: images.Count);
            var pipeline = lease.TaskServing<ImageClassificationPipeline>(task);
            return new TaskAnswer(Classifications: await pipeline.ClassifyAsync(images, call.TopK, call.ItemName, cancellationToken));
        }

        var texts = call.Texts ?? throw MaasException.InvalidInput($"model '{target.Name}' is a {task} model; send strings, not images");
        return task switch
        {
            TaskNames.TextClassification => new TaskAnswer(Classifications:
                await lease.TaskServing<TextClassificationPipeline>(task).ClassifyAsync(texts, call.TopK, cancellationToken)),
            TaskNames.TokenClassification => new TaskAnswer(Entities:
                await lease.TaskServing<TokenClassificationPipeline>(task).RecognizeAsync(texts, cancellationToken)),
            _ => new TaskAnswer(Embeddings: await EmbedAsync(target, lease, texts, call.Dimensions, cancellationToken)),
        };
    }

    /// <summary>Embeddings only (OpenAI's <c>/v1/embeddings</c>): a 400 naming <c>model</c> for any other task.</summary>
    public async Task<EmbeddingResult> EmbedAsync(RoutedModel target, IReadOnlyList<string> texts, int? dimensions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(texts);
        if (target.Task != TaskNames.FeatureExtraction)
        {
            throw WrongTask(target, TaskNames.FeatureExtraction);
        }

        using var lease = await LeaseAsync(target, cancellationToken);
        return await EmbedAsync(target, lease, texts, dimensions, cancellationToken);
    }

    private static async Task<EmbeddingResult> EmbedAsync(
        RoutedModel target, ModelLease lease, IReadOnlyList<string> texts, int? dimensions, CancellationToken cancellationToken)
    {
        var result = await lease.TaskServing<EmbeddingPipeline>(TaskNames.FeatureExtraction).EmbedAsync(texts, dimensions, cancellationToken);
        target.Caller.AddUsage(inputTokens: result.PromptTokens);
        return result;
    }
}
