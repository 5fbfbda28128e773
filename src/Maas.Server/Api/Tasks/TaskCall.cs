using Maas.Errors;
using Maas.Pipelines;
using Maas.Pipelines.Classification;
using Maas.Pipelines.Embeddings;
using Maas.Pipelines.Images;
using Maas.Pipelines.TokenClassification;
using Maas.Runtime.Loading;
using Maas.Runtime.Tasks;
using Maas.Server.Auth;
using Microsoft.AspNetCore.Http;

namespace Maas.Server.Api.Tasks;

/// <summary>
/// One pipeline call from any protocol: texts or images in, the task's answer out. <paramref name="ItemName"/> is how
/// the protocol names the items in errors (<c>instances</c>, <c>input 'text'</c>).
/// </summary>
internal sealed record TaskCall(
    IReadOnlyList<string>? Texts,
    IReadOnlyList<ReadOnlyMemory<byte>>? Images,
    string ItemName,
    int? TopK = null,
    int? Dimensions = null)
{
    /// <summary>Runs the call on the leased version and meters its images with the request's usage.</summary>
    public async Task<TaskAnswer> RunAsync(HttpContext context, ModelLease lease)
    {
        var cancellationToken = context.RequestAborted;
        var task = lease.Version.Task;
        context.AddUsage(images: Images?.Count ?? 0);
        PipelineLimits.CheckCount(Texts?.Count ?? Images?.Count ?? 0, ItemName);
        if (PipelineTasks.IsImage(task))
        {
            var images = Images ?? throw MaasException.InvalidInput(
                $"model '{lease.Version.Name}' is an {task} model; send images as {{\"b64\": \"...\"}}, not text");
            var pipeline = lease.TaskServing<ImageClassificationPipeline>(task);
            return new TaskAnswer(Classifications: await pipeline.ClassifyAsync(images, TopK, ItemName, cancellationToken));
        }

        var texts = Texts ?? throw MaasException.InvalidInput(
            $"model '{lease.Version.Name}' is a {task} model; send strings, not images");
        return task switch
        {
            TaskNames.TextClassification => new TaskAnswer(Classifications:
                await lease.TaskServing<TextClassificationPipeline>(task).ClassifyAsync(texts, TopK, cancellationToken)),
            TaskNames.TokenClassification => new TaskAnswer(Entities:
                await lease.TaskServing<TokenClassificationPipeline>(task).RecognizeAsync(texts, cancellationToken)),
            _ => new TaskAnswer(Embeddings:
                await lease.TaskServing<EmbeddingPipeline>(task).EmbedAsync(texts, Dimensions, cancellationToken)),
        };
    }
}
