namespace Maas.Vision;

/// <summary>
/// Encoded image bytes → the float32 CHW tensor a transformers image processor (PIL backend) would produce:
/// decode, EXIF-transpose, convert to RGB, resize (PIL arithmetic), centre-crop, rescale, normalise.
/// Thread-safe: one instance serves every request for a model.
/// </summary>
public sealed class ImagePreprocessor
{
    private readonly ImagePreprocessorConfig _config;
    private readonly ImageLimits _limits;
    private readonly PixelNormalizer _normalizer;

    public ImagePreprocessor(ImagePreprocessorConfig config, ImageLimits limits)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxBytes, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxPixels, nameof(limits));
        _config = config;
        _limits = limits;
        (Height, Width) = OutputSize(config);
        _normalizer = new PixelNormalizer(config);
    }

    public int Channels => 3;

    public int Height { get; }

    public int Width { get; }

    /// <summary>Number of floats <see cref="Preprocess"/> writes: Channels × Height × Width.</summary>
    public int OutputLength => Channels * Height * Width;

    /// <summary>
    /// Decodes and preprocesses one image into <paramref name="destinationChw"/> (at least <see cref="OutputLength"/>
    /// floats). Throws <see cref="ImageDecodeException"/> for empty, oversized, corrupt or unsupported input.
    /// </summary>
    public void Preprocess(ReadOnlySpan<byte> encodedImage, Span<float> destinationChw)
    {
        if (destinationChw.Length < OutputLength)
        {
            throw new ArgumentException($"destination holds {destinationChw.Length} floats; {OutputLength} are needed",
                nameof(destinationChw));
        }

        var image = ImageDecoder.Decode(encodedImage, _limits);
        try
        {
            if (_config.DoResize)
            {
                image = Replace(image, Resize(image));
            }

            if (_config.DoCenterCrop)
            {
                image = Replace(image, CenterCrop.Apply(image, _config.CropSize.Height!.Value, _config.CropSize.Width!.Value));
            }

            // The constructor proved the size is fixed; this guards a planner/constructor disagreement.
            if (image.Height != Height || image.Width != Width)
            {
                throw new InvalidOperationException($"preprocessing produced {image.Width}x{image.Height}, expected {Width}x{Height}");
            }

            _normalizer.WriteChw(image, destinationChw[..OutputLength]);
        }
        finally
        {
            image.Dispose();
        }
    }

    private RgbImage Resize(RgbImage image)
    {
        var (height, width, squareCrop) = ResizePlanner.Plan(_config, image.Height, image.Width);
        var resized = PilResampler.Resize(image, width, height, _config.Resample);
        return squareCrop is { } edge ? Replace(resized, CenterCrop.Apply(resized, edge, edge)) : resized;
    }

    private static RgbImage Replace(RgbImage previous, RgbImage next)
    {
        previous.Dispose();
        return next;
    }

    // A model input has one shape, so the config must pin it regardless of the uploaded image's size.
    // Configs built in code skip the parser, so the same invariants are checked here.
    private static (int Height, int Width) OutputSize(ImagePreprocessorConfig config)
    {
        if (config.ImageMean.Count != 3 || config.ImageStd.Count != 3)
        {
            throw new ImageConfigException(config.ImageMean.Count != 3 ? "image_mean" : "image_std", "needs 3 values (RGB)");
        }

        if (config.DoResize && !config.Size.IsExact && config.Size.ShortestEdge is null)
        {
            throw new ImageConfigException("size", "needs {height, width} or {shortest_edge}");
        }

        if (config.DoCenterCrop)
        {
            return config.CropSize.IsExact
                ? (config.CropSize.Height!.Value, config.CropSize.Width!.Value)
                : throw new ImageConfigException("crop_size", "needs height and width");
        }

        if (config.DoResize)
        {
            if (config.Size.IsExact)
            {
                return (config.Size.Height!.Value, config.Size.Width!.Value);
            }

            if (config.Size.ShortestEdge is { } edge && config.CropPct is not null)
            {
                return (edge, edge);
            }
        }

        throw new ImageConfigException(config.DoResize ? "size" : "do_resize",
            "the output size would depend on each image; configure {height, width}, crop_pct or do_center_crop");
    }
}
