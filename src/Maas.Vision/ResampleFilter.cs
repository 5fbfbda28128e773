namespace Maas.Vision;

/// <summary>Resampling filters, numbered as PIL's <c>Image.Resampling</c> codes that preprocessor_config.json uses.</summary>
public enum ResampleFilter
{
    Nearest = 0,
    Lanczos = 1,
    Bilinear = 2,
    Bicubic = 3,
    Box = 4,
    Hamming = 5,
}
