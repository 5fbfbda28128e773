using System.Buffers.Binary;
using System.Text.Json;
using Maas.Testing;

namespace Maas.Vision.Tests;

/// <summary>The fixture's PIL/transformers preprocessing of six real PNGs must be reproduced value for value.</summary>
public sealed class CifarReferenceTests
{
    private const int Plane = 3 * 32 * 32;

    [Fact]
    public void Preprocess_CifarImages_MatchReferencePixelValues()
    {
        var folder = SharedModels.PathOf("cnn-cifar10");
        var config = ImagePreprocessorConfig.Parse(File.ReadAllText(Path.Combine(folder, "preprocessor_config.json")));
        var preprocessor = new ImagePreprocessor(config, ImageLimits.Default);
        var reference = ReadFloats(Path.Combine(folder, "reference_pixel_values.f32"));
        var order = ReferenceOrder(Path.Combine(folder, "expected.json"));

        Assert.Equal((3, 32, 32), (preprocessor.Channels, preprocessor.Height, preprocessor.Width));
        Assert.Equal(6, order.Count);
        Assert.Equal(order.Count * Plane, reference.Length);

        var output = new float[Plane];
        for (var image = 0; image < order.Count; image++)
        {
            preprocessor.Preprocess(File.ReadAllBytes(Path.Combine(folder, order[image])), output);
            var expected = reference.AsSpan(image * Plane, Plane);
            for (var i = 0; i < Plane; i++)
            {
                Assert.True(Math.Abs(expected[i] - output[i]) <= 1e-6f,
                    $"{order[image]} value {i}: expected {expected[i]}, got {output[i]}");
            }
        }
    }

    private static float[] ReadFloats(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var floats = new float[bytes.Length / 4];
        for (var i = 0; i < floats.Length; i++)
        {
            floats[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4));
        }

        return floats;
    }

    private static List<string> ReferenceOrder(string expectedJson)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(expectedJson));
        return [.. document.RootElement.GetProperty("reference_pixel_values").GetProperty("order")
            .EnumerateArray().Select(e => e.GetString()!)];
    }
}
