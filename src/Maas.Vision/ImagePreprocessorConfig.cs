namespace Maas.Vision;

/// <summary>
/// The image half of a Hugging Face preprocessor_config.json (ViTImageProcessor and the ConvNeXt/ResNet/CLIP-style
/// processors built on the same steps). Property defaults are what transformers uses when a key is absent.
/// </summary>
public sealed record ImagePreprocessorConfig
{
    /// <summary>Read for completeness: the decoder always yields RGB (alpha dropped, grey replicated).</summary>
    public bool DoConvertRgb { get; init; } = true;

    public bool DoResize { get; init; } = true;

    public ImageSize Size { get; init; } = ImageSize.Exact(224, 224);

    public ResampleFilter Resample { get; init; } = ResampleFilter.Bilinear;

    public bool DoCenterCrop { get; init; }

    /// <summary>Always exact (height and width).</summary>
    public ImageSize CropSize { get; init; } = ImageSize.Exact(224, 224);

    /// <summary>
    /// ConvNeXt-style crop percentage: with a <c>shortest_edge</c> below 384 the short side is resized to
    /// <c>int(shortest_edge / crop_pct)</c> and then centre-cropped to a square; null when not used.
    /// </summary>
    public double? CropPct { get; init; }

    public bool DoRescale { get; init; } = true;

    public double RescaleFactor { get; init; } = 1.0 / 255.0;

    public bool DoNormalize { get; init; } = true;

    /// <summary>Per-channel RGB mean, already rounded to float32 as transformers does before normalising.</summary>
    public IReadOnlyList<float> ImageMean { get; init; } = [0.5f, 0.5f, 0.5f];

    public IReadOnlyList<float> ImageStd { get; init; } = [0.5f, 0.5f, 0.5f];

    /// <summary>Parses preprocessor_config.json; throws <see cref="ImageConfigException"/> naming the bad field.</summary>
    public static ImagePreprocessorConfig Parse(string json) => ImageConfigParser.Parse(json);
}
