using System.Runtime.InteropServices;
using Maas.Errors;
using Maas.Inference;
using Maas.Models;
using Maas.Pipelines.Classification;
using Maas.Pipelines.Outputs;
using Maas.Pipelines.Text;
using Maas.Runtime.Scheduling;
using Maas.Runtime.Tasks;
using Maas.Tensors;
using Maas.Vision;

namespace Maas.Pipelines.Images;

/// <summary>
/// Encoded images (PNG, JPEG, WebP, BMP, GIF) → labels with scores: decoded, resized, rescaled and normalised as
/// preprocessor_config.json says, stacked channels-first into one batch and run through the version's runner.
/// </summary>
public sealed class ImageClassificationPipeline : TaskPipeline
{
    private readonly ImagePreprocessor _preprocessor;
    private readonly IInferenceRunner _runner;
    private readonly TensorSpec _input;
    private readonly string _output;
    private readonly LabelScorer _scorer;

    internal ImageClassificationPipeline(ImagePreprocessor preprocessor, IInferenceRunner runner, TensorSpec input, string output, LabelScorer scorer)
        : base(TaskNames.ImageClassification)
    {
        _preprocessor = preprocessor;
        _runner = runner;
        _input = input;
        _output = output;
        _scorer = scorer;
    }

    /// <summary>
    /// Classifies each image. A bad image fails the whole call with a 400/413/415 naming it as
    /// <c>{itemName}[index]</c> (e.g. <c>instances[2]</c>).
    /// </summary>
    public async Task<IReadOnlyList<ClassificationResult>> ClassifyAsync(
        IReadOnlyList<ReadOnlyMemory<byte>> images, int? topK, string itemName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0)
        {
            return [];
        }

        var floats = _preprocessor.OutputLength;
        using var request = Preprocess(images, floats, itemName);
        using var response = await _runner.RunAsync(request, cancellationToken);
        var logits = OutputReader.Find(response, _output);
        var labels = TextRunner.LastDimension(logits, 2, images.Count);
        var values = OutputReader.Floats(logits);
        var results = new ClassificationResult[images.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = _scorer.Score(values.Slice(i * labels, labels), topK);
        }

        return results;
    }

    private InferenceRequest Preprocess(IReadOnlyList<ReadOnlyMemory<byte>> images, int floats, string itemName)
    {
        PipelineLimits.CheckCount(images.Count, itemName);
        var bytes = (long)images.Count * floats * sizeof(float);
        if (bytes > PipelineLimits.MaxImageBatchBytes)
        {
            throw MaasException.TooLarge(
                $"{itemName}: {images.Count} images of {_preprocessor.Width}x{_preprocessor.Height} are over the limit of {PipelineLimits.MaxImageBatchBytes >> 20} MiB of pixels per request");
        }

        var buffer = new PooledBuffer((int)bytes);
        try
        {
            var pixels = MemoryMarshal.Cast<byte, float>(buffer.Memory.Span);
            for (var i = 0; i < images.Count; i++)
            {
                try
                {
                    _preprocessor.Preprocess(images[i].Span, pixels.Slice(i * floats, floats));
                }
                catch (ImageDecodeException ex)
                {
                    throw ImageErrors.ToMaas(ex, $"{itemName}[{i}]");
                }
            }

            long[] shape = [images.Count, _preprocessor.Channels, _preprocessor.Height, _preprocessor.Width];
            var request = new InferenceRequest([Tensor.FromBytes(_input.Name, TensorDataType.Fp32, shape, buffer.Memory)]);
            request.Own(buffer);
            return request;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }
}
