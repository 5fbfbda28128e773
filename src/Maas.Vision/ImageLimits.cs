namespace Maas.Vision;

/// <summary>
/// Upper bounds an encoded image must respect before any pixel memory is allocated:
/// <paramref name="MaxBytes"/> for the encoded payload, <paramref name="MaxPixels"/> for width × height read from the header.
/// </summary>
public sealed record ImageLimits(long MaxBytes = ImageLimits.DefaultMaxBytes, long MaxPixels = ImageLimits.DefaultMaxPixels)
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    public const long DefaultMaxPixels = 40_000_000;

    public static ImageLimits Default { get; } = new();
}
