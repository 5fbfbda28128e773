namespace Maas.Registry.Artifacts;

/// <summary>
/// Bounds on what unpacking one archive may produce, so a small upload cannot fill the disk (a decompression bomb).
/// Bound from configuration as options; the defaults fit models up to a few GB.
/// </summary>
public sealed class ArchiveLimits
{
    /// <summary>Bytes all extracted files may add up to.</summary>
    public long MaxTotalBytes { get; set; } = 8L << 30;

    /// <summary>Bytes any one extracted file may hold.</summary>
    public long MaxFileBytes { get; set; } = 8L << 30;

    /// <summary>Entries (files and folders) an archive may list.</summary>
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>Largest uncompressed-to-compressed ratio accepted once past <see cref="RatioCheckThresholdBytes"/>.</summary>
    public double MaxCompressionRatio { get; set; } = 200;

    /// <summary>
    /// Below this many uncompressed bytes the ratio is not checked: small text files (configs, vocabularies) compress
    /// far better than 200:1 legitimately, and cannot hurt anyone.
    /// </summary>
    public long RatioCheckThresholdBytes { get; set; } = 1L << 20;
}
