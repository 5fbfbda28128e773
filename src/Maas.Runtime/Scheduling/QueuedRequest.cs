using Maas.Inference;

namespace Maas.Runtime.Scheduling;

/// <summary>A request waiting in a batcher's queue, with the caller's deadline and cancellation.</summary>
internal sealed class QueuedRequest(InferenceRequest request, long rows, DateTimeOffset enqueued, DateTimeOffset? deadline)
{
    private readonly TaskCompletionSource<InferenceResponse> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InferenceRequest Request { get; } = request;

    public long Rows { get; } = rows;

    /// <summary>When the request joined the queue; the batch delay counts from the oldest request's arrival.</summary>
    public DateTimeOffset Enqueued { get; } = enqueued;

    public DateTimeOffset? Deadline { get; } = deadline;

    public Task<InferenceResponse> Completion => _completion.Task;

    /// <summary>True once the caller gave up or an answer was set; such an entry is skipped, never run.</summary>
    public bool IsDone => _completion.Task.IsCompleted;

    public void Complete(InferenceResponse response)
    {
        if (!_completion.TrySetResult(response))
        {
            // The caller left while the batch ran; nobody will dispose this view otherwise.
            response.Dispose();
        }
    }

    public void Fail(Exception error) => _completion.TrySetException(error);

    public void Cancel(CancellationToken token) => _completion.TrySetCanceled(token);
}
