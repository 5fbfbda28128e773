using Maas.Storage;

namespace Maas.Registry.Artifacts;

/// <summary>Tells an uploaded artifact's format from its first bytes, whatever the client claimed.</summary>
public static class ArtifactFormats
{
    /// <summary>How many leading bytes <see cref="Detect"/> needs.</summary>
    public const int MagicLength = 4;

    /// <summary>
    /// Zip (a local file header, or the end record of an empty zip), gzip (taken to wrap a tar), and anything else
    /// as ONNX: a protobuf has no magic number, so the engine is what finally validates it.
    /// </summary>
    public static ArtifactFormat Detect(ReadOnlySpan<byte> firstBytes)
    {
        if (firstBytes.StartsWith("PK\x03\x04"u8) || firstBytes.StartsWith("PK\x05\x06"u8))
        {
            return ArtifactFormat.Zip;
        }

        return firstBytes.StartsWith((ReadOnlySpan<byte>)[0x1f, 0x8b]) ? ArtifactFormat.TarGz : ArtifactFormat.Onnx;
    }
}
