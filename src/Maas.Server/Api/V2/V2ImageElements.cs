using System.Buffers.Text;
using System.Text;
using Maas.Tensors;

namespace Maas.Server.Api.V2;

/// <summary>
/// The encoded images of a V2 BYTES input to an image task. Triton's JSON carries BYTES elements as strings, and raw
/// PNG/JPEG bytes are not JSON text, so in JSON an image travels base64-encoded; the binary extension carries the raw
/// file. An element that is entirely base64 text is therefore decoded, anything else is taken as the file itself:
/// every supported image format starts with bytes outside the base64 alphabet (PNG 0x89, JPEG 0xFF, GIF/BMP/WebP size
/// fields), so the two never collide and no parameter is needed.
/// </summary>
internal static class V2ImageElements
{
    public static ReadOnlyMemory<byte>[] Read(Tensor input)
    {
        var elements = input.Strings!;
        var images = new ReadOnlyMemory<byte>[elements.Count];
        for (var i = 0; i < images.Length; i++)
        {
            var element = elements[i];

            // IsValid allows whitespace (line-wrapped base64), and so does FromBase64String: it cannot fail here.
            images[i] = element.Length > 0 && Base64.IsValid(element)
                ? Convert.FromBase64String(Encoding.ASCII.GetString(element))
                : element;
        }

        return images;
    }
}
