using System.Globalization;
using Maas.Storage;

namespace Maas.Registry.Metadata;

/// <summary>How values are spelled in the database: stable text, independent of enum order and culture.</summary>
internal static class StoredValues
{
    public static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTimestamp(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string FormatArtifactFormat(ArtifactFormat format) => format switch
    {
        ArtifactFormat.Onnx => "onnx",
        ArtifactFormat.Zip => "zip",
        ArtifactFormat.TarGz => "tar.gz",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public static ArtifactFormat ParseArtifactFormat(string text) => text switch
    {
        "onnx" => ArtifactFormat.Onnx,
        "zip" => ArtifactFormat.Zip,
        "tar.gz" => ArtifactFormat.TarGz,
        _ => throw new InvalidDataException($"unknown artifact format '{text}' in the registry database"),
    };
}
