namespace Maas.Vision;

/// <summary>
/// transformers' <c>center_crop</c>: top = (h - crop_h) // 2 (floor, so negative when padding), left likewise,
/// and zeros wherever the crop window leaves the image. One formula covers both the crop and the pad branch.
/// </summary>
internal static class CenterCrop
{
    public static RgbImage Apply(RgbImage source, int height, int width)
    {
        var top = FloorHalf(source.Height - height);
        var left = FloorHalf(source.Width - width);
        var output = new RgbImage(width, height);
        output.Pixels.Clear();

        // Overlap of the crop window with the source, in output coordinates.
        var firstColumn = Math.Max(0, -left);
        var lastColumn = Math.Min(width, source.Width - left);
        for (var y = 0; y < height; y++)
        {
            var sourceY = y + top;
            if (sourceY < 0 || sourceY >= source.Height || firstColumn >= lastColumn)
            {
                continue;
            }

            source.Row(sourceY).Slice((firstColumn + left) * 3, (lastColumn - firstColumn) * 3)
                .CopyTo(output.Row(y).Slice(firstColumn * 3));
        }

        return output;
    }

    // Python's // rounds toward negative infinity; C#'s / would round toward zero.
    private static int FloorHalf(int value) => (int)Math.Floor(value / 2.0);
}
