namespace Maas.Vision;

/// <summary>The request's image could not be turned into pixels; <see cref="Kind"/> says why.</summary>
public sealed class ImageDecodeException : Exception
{
    public ImageDecodeException(ImageErrorKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    public ImageErrorKind Kind { get; }
}
