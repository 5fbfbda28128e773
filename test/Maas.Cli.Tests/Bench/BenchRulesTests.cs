using Maas.Cli.Bench;
using Xunit;

namespace Maas.Cli.Tests.Bench;

public sealed class BenchRulesTests
{
    [Theory]
    [InlineData(new[] { 100.0, 105.0, 95.0 }, true)]
    [InlineData(new[] { 100.0, 130.0, 90.0 }, false)]
    [InlineData(new[] { 0.0, 0.0, 0.0 }, false)]
    public void IsStable_ThreeWindows_WithinTenPercentOfTheirAverage(double[] throughputs, bool expected) =>
        Assert.Equal(expected, LoadGenerator.IsStable(throughputs, 0.10));

    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("500ms", 500)]
    [InlineData("1m", 60_000)]
    [InlineData("2.5", 2_500)]
    public void TryParse_DurationText_ReadsUnits(string text, double milliseconds)
    {
        Assert.True(DurationOption.TryParse(text, out var value));
        Assert.Equal(milliseconds, value.TotalMilliseconds, 3);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-1s")]
    [InlineData("")]
    public void TryParse_NotADuration_Fails(string text) => Assert.False(DurationOption.TryParse(text, out _));
}
