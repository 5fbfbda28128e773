namespace Maas.Vision;

/// <summary>The resize and crop geometry transformers derives from the config and one image's size.</summary>
internal static class ResizePlanner
{
    // ConvNeXt warps instead of cropping at this size and above.
    private const int ConvNextWarpEdge = 384;

    /// <summary>Output (height, width) of the resize step, plus a square crop ConvNeXt applies inside it.</summary>
    public static (int Height, int Width, int? SquareCrop) Plan(ImagePreprocessorConfig config, int height, int width)
    {
        var size = config.Size;
        if (size.IsExact)
        {
            return (size.Height!.Value, size.Width!.Value, null);
        }

        var shortest = size.ShortestEdge!.Value;
        if (config.CropPct is { } cropPct)
        {
            if (shortest >= ConvNextWarpEdge)
            {
                return (shortest, shortest, null);
            }

            var (h, w) = ShortestEdge(height, width, (int)(shortest / cropPct), null);
            return (h, w, shortest);
        }

        var (outHeight, outWidth) = ShortestEdge(height, width, shortest, size.LongestEdge);
        return (outHeight, outWidth, null);
    }

    /// <summary>
    /// transformers' <c>get_resize_output_image_size(default_to_square=False, max_size=longest_edge)</c>:
    /// the short side becomes <paramref name="shortest"/>, the long side is truncated, and both shrink when the
    /// long side would exceed <paramref name="longest"/>.
    /// </summary>
    public static (int Height, int Width) ShortestEdge(int height, int width, int shortest, int? longest)
    {
        var (shortSide, longSide) = width <= height ? (width, height) : (height, width);
        var newShort = shortest;
        var newLong = (int)((double)shortest * longSide / shortSide);
        if (longest is { } max && newLong > max)
        {
            newShort = (int)((double)max * newShort / newLong);
            newLong = max;
        }

        return width <= height ? (newLong, newShort) : (newShort, newLong);
    }
}
