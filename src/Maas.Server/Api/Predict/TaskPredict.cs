using System.Text.Json;
using Maas.Errors;
using Maas.Pipelines;
using Maas.Routing;
using Maas.Routing.Tasks;
using Maas.Server.Hosting;
using Microsoft.AspNetCore.Http;

namespace Maas.Server.Api.Predict;

/// <summary><c>:predict</c> on task models: JSON instances (strings, <c>{"b64"}</c> images) or a multipart image upload.</summary>
internal static class TaskPredict
{
    public static async Task PredictJsonAsync(HttpContext context, RoutedModel model, ModelRouter router, JsonElement root, JsonElement instances)
    {
        var call = TaskInstances.Read(model.Task, root, instances);
        await WriteAsync(context, await router.RunTaskAsync(model, call, context.RequestAborted));
    }

    /// <summary>
    /// <c>multipart/form-data</c> with one or more file fields, each an image instance (in order), and an optional
    /// <c>top_k</c> field: what a browser form or <c>curl -F image=@cat.png</c> sends.
    /// </summary>
    public static async Task PredictFormAsync(HttpContext context, RoutedModel model, ModelRouter router, ServerLimits limits)
    {
        var form = await MultipartBody.ReadAsync(context.Request, limits.MaxInferenceBodyBytes, valueCountLimit: 64, context.RequestAborted);
        if (form.Files.Count == 0)
        {
            throw MaasException.InvalidInput("the multipart body has no file; send each image as a file field, e.g. curl -F image=@cat.png");
        }

        if (!PipelineTasks.IsImage(model.Task))
        {
            throw new MaasException(ErrorKind.UnsupportedMediaType,
                $"model '{model.Name}' is a {model.Task} model; multipart uploads are for image-classification models, send JSON instances instead");
        }

        var images = new List<ReadOnlyMemory<byte>>(form.Files.Count);
        foreach (var file in form.Files)
        {
            using var stream = new MemoryStream((int)Math.Min(file.Length, int.MaxValue));
            await file.CopyToAsync(stream, context.RequestAborted);
            images.Add(stream.ToArray());
        }

        var call = new TaskCall(null, images, "files", TaskInstances.PositiveInt(form["top_k"].ToString(), "top_k"));
        await WriteAsync(context, await router.RunTaskAsync(model, call, context.RequestAborted));
    }

    private static async Task WriteAsync(HttpContext context, TaskAnswer answer)
    {
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        TaskPredictionWriter.Write(writer, answer);
    }
}
