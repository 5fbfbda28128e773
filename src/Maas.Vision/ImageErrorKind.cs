namespace Maas.Vision;

/// <summary>Why an encoded image was refused; stable so the edge can map each kind to a status code.</summary>
public enum ImageErrorKind
{
    /// <summary>No bytes at all.</summary>
    Empty,

    /// <summary>The encoded payload is larger than <see cref="ImageLimits.MaxBytes"/>.</summary>
    TooLarge,

    /// <summary>The header announces more pixels than <see cref="ImageLimits.MaxPixels"/>.</summary>
    TooManyPixels,

    /// <summary>Corrupt, truncated or not an image at all.</summary>
    Undecodable,

    /// <summary>A recognised image format this service does not accept (TIFF, HEIF, AVIF, ICO, ...).</summary>
    UnsupportedFormat,
}
