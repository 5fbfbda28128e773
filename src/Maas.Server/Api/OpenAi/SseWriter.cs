using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Maas.Errors;
using Maas.Server.Errors;
using Microsoft.AspNetCore.Http;

namespace Maas.Server.Api.OpenAi;

/// <summary>
/// Server-sent events as OpenAI streams them: <c>data: {json}\n\n</c> per chunk, flushed at once (time to first
/// token is what a streaming client waits on), then <c>data: [DONE]\n\n</c>. A failure after the headers went out
/// can no longer change the status, so it is sent as a <c>data:</c> event with an OpenAI error object.
/// </summary>
internal sealed class SseWriter(HttpResponse response)
{
    private Utf8JsonWriter? _json;

    /// <summary>
    /// Starts the stream, runs <paramref name="body"/> and ends with <c>[DONE]</c>. A client that disconnects just ends
    /// it (its cancellation already stopped the generation); any other failure becomes an error event.
    /// </summary>
    public static async Task RunAsync(HttpContext context, Func<SseWriter, CancellationToken, Task> body)
    {
        var aborted = context.RequestAborted;
        var sse = new SseWriter(context.Response);
        sse.Start();
        try
        {
            try
            {
                await body(sse, aborted);
            }
            catch (Exception ex) when (!aborted.IsCancellationRequested)
            {
                await sse.WriteErrorAsync(ex, aborted);
            }

            await sse.WriteDoneAsync(aborted);
        }
        catch (Exception ex) when (aborted.IsCancellationRequested && ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The client is gone; there is nobody left to tell.
        }
    }

    public void Start()
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
    }

    public ValueTask<System.IO.Pipelines.FlushResult> WriteAsync<T>(T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        Write(value, typeInfo);
        return response.BodyWriter.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Writes one event per item, flushing only when the next item is not ready yet: a token that waits on the engine
    /// leaves at once, while tokens that are already there (several choices, a burst after a stall) share one send.
    /// </summary>
    public async Task WriteAllAsync<TItem, T>(IAsyncEnumerable<TItem> items, Func<TItem, T> toEvent, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        await using var enumerator = items.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            var next = enumerator.MoveNextAsync();
            if (!next.IsCompleted)
            {
                await response.BodyWriter.FlushAsync(cancellationToken);
            }

            if (!await next)
            {
                break;
            }

            Write(toEvent(enumerator.Current), typeInfo);
        }

        await response.BodyWriter.FlushAsync(cancellationToken);
    }

    private void Write<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var pipe = response.BodyWriter;
        pipe.Write("data: "u8);
        if (_json is null)
        {
            _json = new Utf8JsonWriter(pipe);
        }
        else
        {
            _json.Reset(pipe);
        }

        JsonSerializer.Serialize(_json, value, typeInfo);
        _json.Flush();
        pipe.Write("\n\n"u8);
    }

    public ValueTask<System.IO.Pipelines.FlushResult> WriteErrorAsync(Exception error, CancellationToken cancellationToken)
    {
        var (status, message, param, code) = error is MaasException known
            ? (ErrorResponses.StatusCode(known.Kind), known.Message, known.Param, OpenAiErrors.DefaultCode(known))
            : (StatusCodes.Status500InternalServerError, "internal server error", null, null);
        var body = new StreamError(new StreamErrorBody(message, OpenAiErrors.Type(status), param, code));
        return WriteAsync(body, OpenAiJsonContext.Default.StreamError, cancellationToken);
    }

    public ValueTask<System.IO.Pipelines.FlushResult> WriteDoneAsync(CancellationToken cancellationToken)
    {
        response.BodyWriter.Write("data: [DONE]\n\n"u8);
        return response.BodyWriter.FlushAsync(cancellationToken);
    }
}
