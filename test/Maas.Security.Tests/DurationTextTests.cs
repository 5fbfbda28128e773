using Maas.Errors;

namespace Maas.Security.Tests;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("30d", 30 * 86_400)]
    [InlineData("12h", 12 * 3600)]
    [InlineData("90m", 90 * 60)]
    [InlineData("45s", 45)]
    [InlineData("2w", 14 * 86_400)]
    [InlineData("1y", 365 * 86_400)]
    [InlineData("1d12h", 36 * 3600)]
    [InlineData(" 7D ", 7 * 86_400)]
    public void Parse_NumberAndUnit_ReturnsDuration(string text, long seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), DurationText.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("d")]
    [InlineData("30x")]
    [InlineData("-1d")]
    [InlineData("0d")]
    [InlineData("1.5h")]
    [InlineData("999999999999y")]
    public void Parse_Malformed_ThrowsInvalidInput(string text)
    {
        var error = Assert.Throws<MaasException>(() => DurationText.Parse(text));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.False(DurationText.TryParse(text, out _));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(250, "250ms")]
    [InlineData(1000, "1s")]
    [InlineData(1500, "1.5s")]
    [InlineData(12_000, "12s")]
    [InlineData(360_000, "6m0s")]
    [InlineData(3_723_000, "1h2m3s")]
    [InlineData(3_600_000, "1h0m0s")]
    public void FormatForHeader_Duration_SpellsItLikeOpenAi(long milliseconds, string expected)
    {
        Assert.Equal(expected, DurationText.FormatForHeader(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void FormatForHeader_SubMillisecond_RoundsUp()
    {
        Assert.Equal("1ms", DurationText.FormatForHeader(TimeSpan.FromTicks(10)));
    }
}
