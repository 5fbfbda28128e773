using System.Text.Json.Nodes;

namespace Maas.Server.Tests.Pipelines;

/// <summary>Comparisons against expected.json within its tolerance.</summary>
internal static class PipelineAssert
{
    public const double Tolerance = 1e-4;

    public static void Near(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance, $"{what}: expected {expected}, got {actual}");

    public static void Near(JsonNode expected, JsonNode actual, string what)
    {
        var want = Doubles(expected);
        var got = Doubles(actual);
        Assert.True(want.Length == got.Length, $"{what}: expected {want.Length} values, got {got.Length}");
        for (var i = 0; i < want.Length; i++)
        {
            Near(want[i], got[i], $"{what}[{i}]");
        }
    }

    public static double[] Doubles(JsonNode node) => node.AsArray().Select(v => v!.GetValue<double>()).ToArray();

    public static string Body(JsonNode node) => node.ToJsonString();
}
