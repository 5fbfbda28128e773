namespace Maas.Vision;

/// <summary>
/// Recognises formats by magic bytes, only to tell "a format we refuse" from "broken bytes" when Skia declines
/// the payload; Skia itself decides what it can decode.
/// </summary>
internal static class ImageFormatSniffer
{
    public static bool IsKnownUnsupported(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("II*\0"u8) || bytes.StartsWith("MM\0*"u8)                   // TIFF
        || bytes.StartsWith("8BPS"u8)                                                // Photoshop
        || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x0A])                        // JPEG XL codestream
        || bytes.StartsWith("\0\0\0\u000CJXL "u8)                                   // JPEG XL container
        || bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x01, 0x00])            // ICO
        || (bytes.Length >= 12 && bytes.Slice(4, 4).SequenceEqual("ftyp"u8))         // HEIF / AVIF (ISO BMFF)
        || bytes.TrimStart(" \t\r\n"u8).StartsWith("<"u8);                           // SVG / XML
}
