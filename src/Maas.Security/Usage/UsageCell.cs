namespace Maas.Security.Usage;

/// <summary>Running totals for one (key, model, day) not yet written to the database; updated with Interlocked only.</summary>
internal sealed class UsageCell
{
    private long _requests;
    private long _inputTokens;
    private long _outputTokens;
    private long _images;
    private long _computeMilliseconds;

    public void Add(UsageDelta delta)
    {
        AddIfNonZero(ref _requests, delta.Requests);
        AddIfNonZero(ref _inputTokens, delta.InputTokens);
        AddIfNonZero(ref _outputTokens, delta.OutputTokens);
        AddIfNonZero(ref _images, delta.Images);
        AddIfNonZero(ref _computeMilliseconds, delta.ComputeMilliseconds);
    }

    public UsageDelta Peek() => new(
        Interlocked.Read(ref _requests),
        Interlocked.Read(ref _inputTokens),
        Interlocked.Read(ref _outputTokens),
        Interlocked.Read(ref _images),
        Interlocked.Read(ref _computeMilliseconds));

    /// <summary>
    /// Moves the totals out, leaving zero. A concurrent <see cref="Add"/> lands either in what is taken or in what
    /// stays for the next flush — split across the two perhaps, but never lost or counted twice.
    /// </summary>
    public UsageDelta Take() => new(
        Interlocked.Exchange(ref _requests, 0),
        Interlocked.Exchange(ref _inputTokens, 0),
        Interlocked.Exchange(ref _outputTokens, 0),
        Interlocked.Exchange(ref _images, 0),
        Interlocked.Exchange(ref _computeMilliseconds, 0));

    private static void AddIfNonZero(ref long field, long value)
    {
        if (value != 0)
        {
            Interlocked.Add(ref field, value);
        }
    }
}
