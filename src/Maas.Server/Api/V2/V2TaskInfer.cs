using System.Text;
using System.Text.Json;
using Maas.Errors;
using Maas.Inference;
using Maas.Pipelines;
using Maas.Routing;
using Maas.Routing.Tasks;
using Maas.Server.Api.Predict;
using Maas.Storage;
using Maas.Tensors;
using Microsoft.AspNetCore.Http;

namespace Maas.Server.Api.V2;

/// <summary>
/// V2 infer on a task model, Triton-style: one BYTES input (any name not taken by a real BYTES input of the model,
/// e.g. <c>text</c> or <c>image</c>) holding UTF-8 texts or encoded images (base64 in JSON), answered with named outputs:
/// <c>label</c> BYTES [N], <c>score</c> FP32 [N] and <c>scores</c> FP32 [N,k] (label order) for classification,
/// <c>entities</c> BYTES [N] (a JSON array per text) for token classification, <c>embedding</c> FP32 [N,d] for
/// feature extraction. Calls with the model's real tensors take the ordinary path.
/// </summary>
internal static class V2TaskInfer
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool Applies(ModelVersionRecord version, InferenceRequest request) =>
        PipelineTasks.IsPipeline(version.Task)
        && request.Inputs.Count == 1
        && request.Inputs[0].DataType == TensorDataType.Bytes
        && version.Signature.FindInput(request.Inputs[0].Name) is not { DataType: TensorDataType.Bytes };

    public static async Task InferAsync(HttpContext context, RoutedModel target, V2InferRequest call, ModelRouter router)
    {
        var version = target.Version;
        var input = call.Request.Inputs[0];
        var dimensions = call.Request.Parameters?.GetValueOrDefault("dimensions") switch
        {
            null => (int?)null,
            long d and > 0 and <= int.MaxValue => (int)d,
            var other => throw MaasException.InvalidInput($"parameter 'dimensions' must be a positive integer, not {other}"),
        };
        var taskCall = PipelineTasks.IsImage(version.Task)
            ? new TaskCall(null, V2ImageElements.Read(input), input.Name)
            : new TaskCall(Texts(input), null, input.Name, Dimensions: dimensions);

        var answer = await router.RunTaskAsync(target, taskCall, context.RequestAborted);
        using var response = new InferenceResponse(Select(Outputs(answer), call.Request.RequestedOutputs, version.Task));
        await V2ResponseWriter.WriteAsync(context.Response, version.Name, version.Version, call, response);
    }

    private static string[] Texts(Tensor input)
    {
        var texts = new string[input.Strings!.Count];
        for (var i = 0; i < texts.Length; i++)
        {
            try
            {
                texts[i] = StrictUtf8.GetString(input.Strings[i]);
            }
            catch (DecoderFallbackException)
            {
                throw MaasException.InvalidInput($"input '{input.Name}': element {i} is not valid UTF-8 text");
            }
        }

        return texts;
    }

    private static List<Tensor> Outputs(TaskAnswer answer)
    {
        if (answer.Classifications is { } classifications)
        {
            var rows = classifications.Count;
            var labels = rows == 0 ? 0 : classifications[0].Scores.Count;
            var scores = new float[rows * labels];
            for (var i = 0; i < rows; i++)
            {
                for (var k = 0; k < labels; k++)
                {
                    scores[(i * labels) + k] = classifications[i].Scores[k].Score;
                }
            }

            return
            [
                Tensor.FromStrings("label", [rows], classifications.Select(c => Encoding.UTF8.GetBytes(c.Label)).ToArray()),
                Tensor.FromArray("score", TensorDataType.Fp32, [rows], classifications.Select(c => c.Score).ToArray()),
                Tensor.FromArray("scores", TensorDataType.Fp32, [rows, labels], scores),
            ];
        }

        if (answer.Entities is { } entities)
        {
            return [Tensor.FromStrings("entities", [entities.Count], entities.Select(EntitiesJson).ToArray())];
        }

        var vectors = answer.Embeddings!.Vectors;
        var size = vectors.Count == 0 ? 0 : vectors[0].Length;
        return [Tensor.FromArray("embedding", TensorDataType.Fp32, [vectors.Count, size], vectors.SelectMany(v => v).ToArray())];
    }

    private static byte[] EntitiesJson(IReadOnlyList<Pipelines.TokenClassification.Entity> entities)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            TaskPredictionWriter.WriteEntities(writer, entities);
        }

        return buffer.ToArray();
    }

    private static List<Tensor> Select(List<Tensor> outputs, IReadOnlyList<string>? requested, string task)
    {
        if (requested is null)
        {
            return outputs;
        }

        return requested.Select(name => outputs.FirstOrDefault(o => o.Name == name)
            ?? throw MaasException.InvalidInput(
                $"unknown output '{name}' requested; a {task} model answers {string.Join(", ", outputs.Select(o => o.Name))}")).ToList();
    }
}
