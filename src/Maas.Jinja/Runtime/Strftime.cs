using System.Globalization;
using System.Text;

namespace Maas.Jinja.Runtime;

/// <summary>Python/C <c>strftime</c> with English names (what Llama-3.1's "Today Date: 26 Jul 2024" line needs).</summary>
internal static class Strftime
{
    public static string Format(DateTimeOffset now, string format)
    {
        var culture = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                sb.Append(format[i]);
                continue;
            }

            var code = format[++i];

            // glibc's %-d style drops the zero padding.
            var noPad = code == '-' && i + 1 < format.Length;
            if (noPad)
            {
                code = format[++i];
            }

            string Num(int value, int width) =>
                noPad ? value.ToString(culture) : value.ToString(new string('0', width), culture);

            sb.Append(code switch
            {
                'Y' => now.Year.ToString(culture),
                'y' => Num(now.Year % 100, 2),
                'm' => Num(now.Month, 2),
                'd' => Num(now.Day, 2),
                'e' => now.Day.ToString(culture).PadLeft(2),
                'H' => Num(now.Hour, 2),
                'I' => Num(now.Hour % 12 == 0 ? 12 : now.Hour % 12, 2),
                'M' => Num(now.Minute, 2),
                'S' => Num(now.Second, 2),
                'f' => (now.Ticks % TimeSpan.TicksPerSecond / 10).ToString("000000", culture),
                'p' => now.Hour < 12 ? "AM" : "PM",
                'j' => Num(now.DayOfYear, 3),
                'B' => culture.DateTimeFormat.GetMonthName(now.Month),
                'b' or 'h' => culture.DateTimeFormat.GetAbbreviatedMonthName(now.Month),
                'A' => culture.DateTimeFormat.GetDayName(now.DayOfWeek),
                'a' => culture.DateTimeFormat.GetAbbreviatedDayName(now.DayOfWeek),
                'w' => ((int)now.DayOfWeek).ToString(culture),
                'z' => (now.Offset < TimeSpan.Zero ? "-" : "+") + now.Offset.ToString("hhmm", culture),
                '%' => "%",
                _ => "%" + (noPad ? "-" : "") + code,
            });
        }

        return sb.ToString();
    }
}
