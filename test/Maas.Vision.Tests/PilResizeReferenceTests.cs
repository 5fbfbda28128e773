using System.Security.Cryptography;
using System.Text.Json;

namespace Maas.Vision.Tests;

/// <summary>
/// Bit-exactness against Pillow itself: Fixtures/pil_resize_hashes.json holds SHA-256 digests of Pillow's
/// Image.resize output for every filter and a mix of down-, up- and one-axis resizes (make_pil_resize_hashes.py).
/// </summary>
public sealed class PilResizeReferenceTests
{
    [Fact]
    public void Resize_EveryFilterAndShape_IsBitIdenticalToPillow()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "pil_resize_hashes.json")));
        var sourceSize = document.RootElement.GetProperty("source");
        using var source = Source(sourceSize[0].GetInt32(), sourceSize[1].GetInt32());

        var cases = document.RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(42, cases.Count);
        var mismatches = new List<string>();
        foreach (var entry in cases)
        {
            var filter = (ResampleFilter)entry.GetProperty("resample").GetInt32();
            var (width, height) = (entry.GetProperty("width").GetInt32(), entry.GetProperty("height").GetInt32());
            using var output = PilResampler.Resize(source, width, height, filter);
            if (Convert.ToHexStringLower(SHA256.HashData(output.Pixels)) != entry.GetProperty("sha256").GetString())
            {
                mismatches.Add($"{filter} {width}x{height}");
            }
        }

        Assert.Empty(mismatches);
    }

    // Same formula as pixel() in make_pil_resize_hashes.py.
    private static RgbImage Source(int width, int height) => PilResamplerTests.Fill(width, height, (x, y) =>
        (Pixel(x, y, 0), Pixel(x, y, 1), Pixel(x, y, 2)));

    private static byte Pixel(int x, int y, int c) =>
        (byte)(((x * 3) + (y * 2) + (c * 60) + (((x * x * 31) + (y * y * 17) + (x * y * 7)) % 61)) % 256);
}
