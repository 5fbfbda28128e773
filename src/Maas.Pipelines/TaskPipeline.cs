namespace Maas.Pipelines;

/// <summary>
/// A loaded version's task pipeline: pre-processing, the version's tensor runner (so dynamic batching applies to
/// pipeline calls too) and post-processing. Thread-safe; the loader disposes it when the version unloads.
/// </summary>
public abstract class TaskPipeline : IDisposable
{
    private protected TaskPipeline(string task) => TaskName = task;

    /// <summary>The task this pipeline serves (a <see cref="Runtime.Tasks.TaskNames"/> value).</summary>
    public string TaskName { get; }

    /// <summary>Nothing to release: the runner belongs to the loader's handle, which disposes it after this.</summary>
    public void Dispose() => GC.SuppressFinalize(this);
}
