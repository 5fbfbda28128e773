using Maas.Errors;
using Maas.Vision;

namespace Maas.Pipelines.Images;

/// <summary>Maps why an image was refused to the status a client should see, naming the item at fault.</summary>
internal static class ImageErrors
{
    public static MaasException ToMaas(ImageDecodeException error, string item) => new(
        error.Kind switch
        {
            ImageErrorKind.TooLarge or ImageErrorKind.TooManyPixels => ErrorKind.TooLarge,
            ImageErrorKind.UnsupportedFormat => ErrorKind.UnsupportedMediaType,
            _ => ErrorKind.InvalidInput,
        },
        $"{item}: {error.Message}");
}
