using System.Globalization;
using System.Text;
using Maas.Errors;

namespace Maas.Security;

/// <summary>
/// Durations as short text: parsing <c>30d</c>, <c>12h</c>, <c>90m</c>, <c>1y</c> or <c>1d12h</c> for <c>--expires</c>,
/// and formatting the Go-style strings OpenAI sends in <c>x-ratelimit-reset-*</c> (<c>1s</c>, <c>6m0s</c>, <c>250ms</c>).
/// </summary>
public static class DurationText
{
    /// <summary>Parses one or more number-unit pairs: s, m, h, d, w, y (365 days).</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value)
            ? value
            : throw MaasException.InvalidInput($"duration '{text}' is not valid; expected a number and a unit such as 90m, 12h, 30d or 1y");

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        long seconds = 0;
        while (!span.IsEmpty)
        {
            var digits = 0;
            while (digits < span.Length && char.IsAsciiDigit(span[digits]))
            {
                digits++;
            }

            if (digits == 0 || digits == span.Length
                || !long.TryParse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            long unit = char.ToLowerInvariant(span[digits]) switch
            {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                'd' => 86_400,
                'w' => 7 * 86_400,
                'y' => 365 * 86_400,
                _ => 0,
            };

            // A hundred years is beyond any sensible key lifetime and keeps the arithmetic far from overflow.
            if (unit == 0 || number > 100L * 365 * 86_400 / unit)
            {
                return false;
            }

            seconds += number * unit;
            span = span[(digits + 1)..];
        }

        if (seconds <= 0 || seconds > 100L * 365 * 86_400)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>Go's <c>time.Duration</c> spelling, to the millisecond: <c>0s</c>, <c>250ms</c>, <c>1.5s</c>, <c>6m0s</c>, <c>1h2m3s</c>.</summary>
    public static string FormatForHeader(TimeSpan value)
    {
        var milliseconds = (long)Math.Ceiling(Math.Max(0, value.TotalMilliseconds));
        if (milliseconds == 0)
        {
            return "0s";
        }

        if (milliseconds < 1000)
        {
            return milliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
        }

        var text = new StringBuilder();
        var hours = milliseconds / 3_600_000;
        var minutes = milliseconds / 60_000 % 60;
        var wholeSeconds = milliseconds / 1000 % 60;
        var fraction = milliseconds % 1000;
        if (hours > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{hours}h");
        }

        if (hours > 0 || minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{minutes}m");
        }

        text.Append(wholeSeconds.ToString(CultureInfo.InvariantCulture));
        if (fraction > 0)
        {
            text.Append('.').Append(fraction.ToString("000", CultureInfo.InvariantCulture).TrimEnd('0'));
        }

        return text.Append('s').ToString();
    }
}
