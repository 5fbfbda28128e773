using System.Text.Json;

namespace Maas.Vision;

/// <summary>Reads preprocessor_config.json into <see cref="ImagePreprocessorConfig"/>, refusing what it cannot honour.</summary>
internal static class ImageConfigParser
{
    // ConvNextImageProcessor's own defaults, used when its config omits the keys.
    private const double ConvNextDefaultCropPct = 224.0 / 256.0;
    private const int ConvNextDefaultShortestEdge = 384;

    public static ImagePreprocessorConfig Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ImageConfigException("$", "not valid JSON: " + ex.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ImageConfigException("$", "expected a JSON object");
            }

            return Build(root);
        }
    }

    private static ImagePreprocessorConfig Build(JsonElement root)
    {
        var defaults = new ImagePreprocessorConfig();
        var isConvNext = IsConvNext(root);

        RefuseIfTrue(root, "do_pad", "padding to a batch shape is not supported for classification");
        RefuseIfTrue(root, "do_flip_channel_order", "BGR channel order is not supported");
        RefuseIfTrue(root, "rescale_offset", "offset rescaling is not supported");

        var doCenterCrop = Bool(root, "do_center_crop") ?? defaults.DoCenterCrop;
        var cropPct = Number(root, "crop_pct") ?? (isConvNext ? ConvNextDefaultCropPct : null);
        if (cropPct is { } pct && !(pct > 0 && double.IsFinite(pct)))
        {
            throw new ImageConfigException("crop_pct", "must be a positive number");
        }

        // transformers turns a bare integer size into a square or a shortest edge depending on the processor:
        // processors that crop afterwards (CLIP, ConvNeXt) resize the short side, the rest resize to a square.
        var intSizeIsShortestEdge = doCenterCrop || cropPct is not null;
        var size = Size(root, "size", intSizeIsShortestEdge, allowShortestEdge: true)
            ?? (isConvNext ? ImageSize.Shortest(ConvNextDefaultShortestEdge) : defaults.Size);
        var cropSize = Size(root, "crop_size", intIsShortestEdge: false, allowShortestEdge: false) ?? defaults.CropSize;

        return new ImagePreprocessorConfig
        {
            DoConvertRgb = Bool(root, "do_convert_rgb") ?? defaults.DoConvertRgb,
            DoResize = Bool(root, "do_resize") ?? defaults.DoResize,
            Size = size,
            Resample = Resample(root) ?? defaults.Resample,
            DoCenterCrop = doCenterCrop,
            CropSize = cropSize,
            CropPct = cropPct,
            DoRescale = Bool(root, "do_rescale") ?? defaults.DoRescale,
            RescaleFactor = Number(root, "rescale_factor") is { } factor
                ? (double.IsFinite(factor) ? factor : throw new ImageConfigException("rescale_factor", "must be finite"))
                : defaults.RescaleFactor,
            DoNormalize = Bool(root, "do_normalize") ?? defaults.DoNormalize,
            ImageMean = Channels(root, "image_mean", allowZero: true) ?? defaults.ImageMean,
            ImageStd = Channels(root, "image_std", allowZero: false) ?? defaults.ImageStd,
        };
    }

    private static bool IsConvNext(JsonElement root)
    {
        foreach (var key in (ReadOnlySpan<string>)["image_processor_type", "feature_extractor_type"])
        {
            if (root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String
                && value.GetString()!.StartsWith("ConvNext", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void RefuseIfTrue(JsonElement root, string field, string reason)
    {
        if (Bool(root, field) == true)
        {
            throw new ImageConfigException(field, reason);
        }
    }

    private static bool? Bool(JsonElement root, string field)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new ImageConfigException(field, "expected true or false"),
        };
    }

    private static double? Number(JsonElement root, string field)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw new ImageConfigException(field, "expected a number");
    }

    private static ResampleFilter? Resample(JsonElement root)
    {
        if (!root.TryGetProperty("resample", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var code))
        {
            throw new ImageConfigException("resample", "expected a PIL resampling code (integer)");
        }

        return Enum.IsDefined((ResampleFilter)code)
            ? (ResampleFilter)code
            : throw new ImageConfigException("resample", $"unsupported PIL resampling code {code} (0-5 are supported)");
    }

    private static ImageSize? Size(JsonElement root, string field, bool intIsShortestEdge, bool allowShortestEdge)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            var edge = Positive(value, field);
            return intIsShortestEdge && allowShortestEdge ? ImageSize.Shortest(edge) : ImageSize.Exact(edge, edge);
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new ImageConfigException(field, "expected an object such as {\"height\": 224, \"width\": 224}");
        }

        var height = OptionalPositive(value, "height", field);
        var width = OptionalPositive(value, "width", field);
        var shortest = OptionalPositive(value, "shortest_edge", field);
        var longest = OptionalPositive(value, "longest_edge", field);

        if (height is not null && width is not null && shortest is null && longest is null)
        {
            return ImageSize.Exact(height.Value, width.Value);
        }

        if (allowShortestEdge && shortest is not null && height is null && width is null)
        {
            if (longest is not null && longest <= shortest)
            {
                throw new ImageConfigException(field, "longest_edge must be larger than shortest_edge");
            }

            return ImageSize.Shortest(shortest.Value, longest);
        }

        throw new ImageConfigException(field, allowShortestEdge
            ? "supported forms are {height, width}, {shortest_edge} and {shortest_edge, longest_edge}"
            : "supported form is {height, width}");
    }

    private static int? OptionalPositive(JsonElement size, string key, string field) =>
        size.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null
            ? Positive(value, field)
            : null;

    private static int Positive(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n > 0
            ? n
            : throw new ImageConfigException(field, "sizes must be positive integers");

    private static float[]? Channels(JsonElement root, string field, bool allowZero)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        float[] channels = value.ValueKind switch
        {
            JsonValueKind.Number => [Channel(value, field), Channel(value, field), Channel(value, field)],
            JsonValueKind.Array when value.GetArrayLength() == 3 => [.. value.EnumerateArray().Select(v => Channel(v, field))],
            _ => throw new ImageConfigException(field, "expected a number or an array of 3 numbers (RGB)"),
        };

        if (!allowZero && Array.Exists(channels, c => c == 0f))
        {
            throw new ImageConfigException(field, "must not contain zero");
        }

        return channels;
    }

    // transformers casts mean and std to the image dtype (float32) before normalising.
    private static float Channel(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.Number && double.IsFinite(value.GetDouble())
            ? (float)value.GetDouble()
            : throw new ImageConfigException(field, "expected finite numbers");
}
