using System.Text.Json;

namespace Maas.Bench;

/// <summary>The rows of <c>expected.json</c>: inputs <c>x</c> ([n,10]) and PyTorch's outputs <c>y</c> ([n,1]).</summary>
internal sealed class Fixture
{
    /// <summary>Agreement required between a served answer and PyTorch's.</summary>
    public const double Tolerance = 1e-4;

    private Fixture(float[][] rows, float[][] expected)
    {
        Rows = rows;
        Expected = expected;
    }

    public float[][] Rows { get; }

    public float[][] Expected { get; }

    public int Width => Rows[0].Length;

    public static Fixture Load(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var rows = ReadMatrix(root.GetProperty("inputs").GetProperty("x"));
            var expected = ReadMatrix(root.GetProperty("outputs").GetProperty("y"));
            if (rows.Length == 0 || rows.Length != expected.Length || rows.Any(r => r.Length != rows[0].Length))
            {
                throw new BenchException($"{path}: inputs.x and outputs.y must be non-empty matrices with the same number of rows");
            }

            return new Fixture(rows, expected);
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new BenchException($"cannot read {path}: {e.Message}", e);
        }
    }

    /// <summary>Throws unless <paramref name="actual"/> matches row <paramref name="row"/>'s expected output.</summary>
    public void Check(string who, int row, ReadOnlySpan<float> actual)
    {
        var expected = Expected[row];
        if (actual.Length != expected.Length)
        {
            throw new BenchException($"{who}: row {row} answered {actual.Length} values, expected {expected.Length}");
        }

        for (var i = 0; i < expected.Length; i++)
        {
            if (!(Math.Abs(actual[i] - expected[i]) <= Tolerance))
            {
                throw new BenchException($"{who}: row {row} output {i} is {actual[i]}, expected.json says {expected[i]} (tolerance {Tolerance})");
            }
        }
    }

    private static float[][] ReadMatrix(JsonElement element) =>
        [.. element.EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetSingle()).ToArray())];
}
