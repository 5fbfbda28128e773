namespace Maas.Llm.Scheduling;

/// <summary>
/// The iteration-level scheduler, vLLM style: requests are added at any time, each engine step asks for one plan,
/// reports what the model produced, and sequences leave when they finish or are aborted. Implementations are not
/// thread-safe; the engine calls them under one lock and runs the model outside it.
/// </summary>
internal interface IStepScheduler
{
    int RunningCount { get; }

    int WaitingCount { get; }

    /// <summary>Queues a request; throws <see cref="Errors.ErrorKind.TooManyRequests"/> when the waiting queue is full.</summary>
    void Add(Sequence sequence);

    /// <summary>Admits waiting requests that fit and picks what the next forward passes feed.</summary>
    StepPlan Schedule();

    /// <summary>Appends the sampled tokens, streams them, and finishes sequences that hit a stop token or a limit.</summary>
    void Update(IReadOnlyList<RowResult> results);

    /// <summary>Removes a sequence at once (finished, cancelled or failed) and returns its cache reservation.</summary>
    void Finish(Sequence sequence, Exception? error = null);

    /// <summary>Finishes every running and waiting sequence with <paramref name="error"/> (engine shutdown).</summary>
    void FinishAll(Exception error);
}
