namespace Maas.Cli.Commands;

/// <summary>
/// Reports on the uploading thread: <see cref="Progress{T}"/> would post each report to the thread pool,
/// out of order and after the upload has already finished.
/// </summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
