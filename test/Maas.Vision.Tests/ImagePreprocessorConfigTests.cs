using Maas.Testing;

namespace Maas.Vision.Tests;

public sealed class ImagePreprocessorConfigTests
{
    [Fact]
    public void Parse_CifarViTConfig_ReadsEveryField()
    {
        var config = ImagePreprocessorConfig.Parse(File.ReadAllText(SharedModels.PathOf("cnn-cifar10", "preprocessor_config.json")));

        Assert.True(config.DoConvertRgb);
        Assert.True(config.DoResize);
        Assert.Equal(ImageSize.Exact(32, 32), config.Size);
        Assert.Equal(ResampleFilter.Bilinear, config.Resample);
        Assert.False(config.DoCenterCrop);
        Assert.Null(config.CropPct);
        Assert.True(config.DoRescale);
        Assert.Equal(0.00392156862745098, config.RescaleFactor);
        Assert.True(config.DoNormalize);
        Assert.Equal([0.5f, 0.5f, 0.5f], config.ImageMean);
        Assert.Equal([0.5f, 0.5f, 0.5f], config.ImageStd);
    }

    [Fact]
    public void Parse_EmptyObject_UsesTransformersDefaults()
    {
        var config = ImagePreprocessorConfig.Parse("{}");
        // Lists compare by reference in records, so the scalar fields are compared with the lists swapped in.
        Assert.Equal(new ImagePreprocessorConfig() with { ImageMean = config.ImageMean, ImageStd = config.ImageStd }, config);
        Assert.Equal(ImageSize.Exact(224, 224), config.Size);
        Assert.Equal(ResampleFilter.Bilinear, config.Resample);
        Assert.Equal(1.0 / 255.0, config.RescaleFactor);
        Assert.Equal([0.5f, 0.5f, 0.5f], config.ImageMean);
    }

    [Fact]
    public void Parse_ConvNextConfig_ReadsShortestEdgeAndCropPct()
    {
        var config = ImagePreprocessorConfig.Parse("""
            {"image_processor_type": "ConvNextImageProcessor", "crop_pct": 0.875, "do_normalize": true,
             "do_rescale": true, "do_resize": true, "image_mean": [0.485, 0.456, 0.406],
             "image_std": [0.229, 0.224, 0.225], "resample": 3, "rescale_factor": 0.00392156862745098,
             "size": {"shortest_edge": 224}}
            """);

        Assert.Equal(ImageSize.Shortest(224), config.Size);
        Assert.Equal(0.875, config.CropPct);
        Assert.Equal(ResampleFilter.Bicubic, config.Resample);
        Assert.Equal([0.485f, 0.456f, 0.406f], config.ImageMean);
        Assert.Equal([0.229f, 0.224f, 0.225f], config.ImageStd);
    }

    [Fact]
    public void Parse_ConvNextWithoutCropPct_DefaultsTo224Over256()
    {
        var config = ImagePreprocessorConfig.Parse("""{"image_processor_type": "ConvNextImageProcessor"}""");
        Assert.Equal(224.0 / 256.0, config.CropPct);
        Assert.Equal(ImageSize.Shortest(384), config.Size);
    }

    [Fact]
    public void Parse_ClipStyleConfig_ReadsShortestEdgeAndCropSize()
    {
        var config = ImagePreprocessorConfig.Parse("""
            {"do_center_crop": true, "crop_size": {"height": 224, "width": 224}, "size": {"shortest_edge": 224},
             "resample": 3, "do_convert_rgb": false}
            """);
        Assert.True(config.DoCenterCrop);
        Assert.Equal(ImageSize.Exact(224, 224), config.CropSize);
        Assert.Equal(ImageSize.Shortest(224), config.Size);
        Assert.False(config.DoConvertRgb);
    }

    [Theory]
    [InlineData("""{"size": 384}""", 384, 384, null)]                              // ViT-style: square
    [InlineData("""{"size": 256, "do_center_crop": true, "crop_size": 224}""", null, null, 256)] // CLIP-style
    public void Parse_IntegerSize_FollowsTheProcessorsDefaultToSquare(string json, int? height, int? width, int? shortest)
    {
        var config = ImagePreprocessorConfig.Parse(json);
        Assert.Equal(new ImageSize(height, width, shortest), config.Size);
    }

    [Fact]
    public void Parse_IntegerCropSize_IsSquare()
    {
        Assert.Equal(ImageSize.Exact(224, 224), ImagePreprocessorConfig.Parse("""{"crop_size": 224}""").CropSize);
    }

    [Fact]
    public void Parse_ShortestAndLongestEdge_ReadsBoth()
    {
        var config = ImagePreprocessorConfig.Parse("""{"size": {"shortest_edge": 800, "longest_edge": 1333}}""");
        Assert.Equal(ImageSize.Shortest(800, 1333), config.Size);
    }

    [Fact]
    public void Parse_ScalarMeanAndStd_BroadcastToThreeChannels()
    {
        var config = ImagePreprocessorConfig.Parse("""{"image_mean": 0.25, "image_std": 2}""");
        Assert.Equal([0.25f, 0.25f, 0.25f], config.ImageMean);
        Assert.Equal([2f, 2f, 2f], config.ImageStd);
    }

    [Fact]
    public void Parse_FlagsFalse_AreKept()
    {
        var config = ImagePreprocessorConfig.Parse("""{"do_resize": false, "do_rescale": false, "do_normalize": false}""");
        Assert.False(config.DoResize);
        Assert.False(config.DoRescale);
        Assert.False(config.DoNormalize);
    }

    [Theory]
    [InlineData(0, ResampleFilter.Nearest)]
    [InlineData(1, ResampleFilter.Lanczos)]
    [InlineData(2, ResampleFilter.Bilinear)]
    [InlineData(3, ResampleFilter.Bicubic)]
    [InlineData(4, ResampleFilter.Box)]
    [InlineData(5, ResampleFilter.Hamming)]
    public void Parse_PilResampleCode_MapsToFilter(int code, ResampleFilter expected)
    {
        Assert.Equal(expected, ImagePreprocessorConfig.Parse($$"""{"resample": {{code}}}""").Resample);
    }

    [Theory]
    [InlineData("""{"resample": 7}""", "resample")]
    [InlineData("""{"resample": 2.5}""", "resample")]
    [InlineData("""{"resample": "bilinear"}""", "resample")]
    [InlineData("""{"do_resize": "yes"}""", "do_resize")]
    [InlineData("""{"size": {"height": 0, "width": 10}}""", "size")]
    [InlineData("""{"size": {"longest_edge": 10}}""", "size")]
    [InlineData("""{"size": {"shortest_edge": 10, "longest_edge": 10}}""", "size")]
    [InlineData("""{"crop_size": {"shortest_edge": 10}}""", "crop_size")]
    [InlineData("""{"crop_pct": -1}""", "crop_pct")]
    [InlineData("""{"rescale_factor": "1/255"}""", "rescale_factor")]
    [InlineData("""{"image_mean": [0.5, 0.5]}""", "image_mean")]
    [InlineData("""{"image_std": [0.5, 0, 0.5]}""", "image_std")]
    [InlineData("""{"do_pad": true}""", "do_pad")]
    [InlineData("""{"do_flip_channel_order": true}""", "do_flip_channel_order")]
    [InlineData("""[1, 2]""", "$")]
    [InlineData("""{"size": """, "$")]
    public void Parse_BadOrUnsupportedField_ThrowsNamingIt(string json, string field)
    {
        var ex = Assert.Throws<ImageConfigException>(() => ImagePreprocessorConfig.Parse(json));
        Assert.Equal(field, ex.Field);
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }
}
