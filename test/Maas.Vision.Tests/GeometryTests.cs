namespace Maas.Vision.Tests;

public sealed class GeometryTests
{
    [Theory]
    [InlineData(480, 640, 224, null, 224, 298)]   // landscape: long side int(224 * 640 / 480) = int(298.67)
    [InlineData(640, 480, 224, null, 298, 224)]   // portrait
    [InlineData(300, 300, 224, null, 224, 224)]
    [InlineData(100, 1000, 224, 300, 30, 300)]    // long side capped: short = int(300 * 224 / 2240)
    public void ShortestEdge_ImageSize_MatchesTransformersRounding(int h, int w, int shortest, int? longest, int eh, int ew)
    {
        Assert.Equal((eh, ew), ResizePlanner.ShortestEdge(h, w, shortest, longest));
    }

    [Fact]
    public void Plan_ConvNextBelow384_ResizesToShortestOverCropPctThenCropsSquare()
    {
        var config = new ImagePreprocessorConfig { Size = ImageSize.Shortest(224), CropPct = 0.875 };
        Assert.Equal((256, 341, (int?)224), ResizePlanner.Plan(config, 480, 640));
    }

    [Fact]
    public void Plan_ConvNextAt384_WarpsToSquareWithoutCrop()
    {
        var config = new ImagePreprocessorConfig { Size = ImageSize.Shortest(384), CropPct = 0.875 };
        Assert.Equal((384, 384, (int?)null), ResizePlanner.Plan(config, 480, 640));
    }

    [Fact]
    public void CenterCrop_LargerImage_TakesFloorCentredWindow()
    {
        // 5x4 -> 3x2: top = (4 - 2) // 2 = 1, left = (5 - 3) // 2 = 1.
        using var source = PilResamplerTests.Fill(5, 4, (x, y) => ((byte)((y * 10) + x), 0, 0));
        using var crop = CenterCrop.Apply(source, height: 2, width: 3);
        Assert.Equal(new byte[] { 11, 12, 13, 21, 22, 23 }, RedChannel(crop));
    }

    [Fact]
    public void CenterCrop_SmallerImage_PadsWithZerosLikeTransformers()
    {
        // 1x1 -> 4x4: transformers pads ceil(3 / 2) = 2 before, so the pixel lands at (2, 2).
        using var source = PilResamplerTests.Fill(1, 1, (_, _) => (9, 9, 9));
        using var crop = CenterCrop.Apply(source, height: 4, width: 4);
        var red = RedChannel(crop);
        Assert.Equal(9, red[(2 * 4) + 2]);
        Assert.Equal(9, red.Sum(v => v));
    }

    private static byte[] RedChannel(RgbImage image) =>
        [.. Enumerable.Range(0, image.Width * image.Height).Select(i => image.Pixels[i * 3])];
}
