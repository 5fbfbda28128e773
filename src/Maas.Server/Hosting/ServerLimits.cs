namespace Maas.Server.Hosting;

/// <summary>Size limits, bound from <c>Maas:Limits</c> (env MAAS_LIMITS__MAXUPLOADBYTES, …).</summary>
public sealed class ServerLimits
{
    /// <summary>Largest model artifact accepted by a push (default 8 GiB; uploads are streamed to disk).</summary>
    public long MaxUploadBytes { get; set; } = 8L << 30;

    /// <summary>Uploads one API key may stream at once (default 2); one more is 429 with Retry-After.</summary>
    public int MaxConcurrentUploadsPerKey { get; set; } = 2;

    /// <summary>Largest inference request body (default 64 MiB; these are held in memory).</summary>
    public long MaxInferenceBodyBytes { get; set; } = 64L << 20;

    /// <summary>Most elements one input tensor may hold (default 16M).</summary>
    public long MaxTensorElements { get; set; } = 16L << 20;

    /// <summary>Checked at start: a limit of zero or less would refuse every request.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (key, value) in new[] { ("MaxUploadBytes", MaxUploadBytes), ("MaxInferenceBodyBytes", MaxInferenceBodyBytes), ("MaxTensorElements", MaxTensorElements) })
        {
            if (value <= 0)
            {
                yield return $"Maas:Limits:{key} must be positive; got {value}";
            }
        }
    }
}
