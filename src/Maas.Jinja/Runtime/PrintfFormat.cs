using System.Globalization;
using System.Text;

namespace Maas.Jinja.Runtime;

/// <summary>Python's printf-style <c>format % args</c> (used by the <c>format</c> filter and the % operator on strings).</summary>
internal static class PrintfFormat
{
    public static string Format(string format, object? args)
    {
        var positional = args is PyTuple t ? t.Items : args is PyDict ? [] : [args];
        var named = args as PyDict;
        var next = 0;
        var sb = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%')
            {
                sb.Append(c);
                continue;
            }

            if (++i >= format.Length)
            {
                throw new TemplateRuntimeException("incomplete format");
            }

            object? value = null;
            var haveValue = false;
            if (format[i] == '(')
            {
                var close = format.IndexOf(')', i);
                if (close < 0 || named is null)
                {
                    throw new TemplateRuntimeException("format requires a mapping");
                }

                var key = format[(i + 1)..close];
                value = named.TryGetValue(key, out var found) ? found : throw new TemplateRuntimeException($"KeyError: '{key}'");
                haveValue = true;
                i = close + 1;
            }

            var flags = "";
            while (i < format.Length && "-+ 0#".Contains(format[i], StringComparison.Ordinal))
            {
                flags += format[i++];
            }

            var width = ReadNumber(format, ref i);
            int? precision = null;
            if (i < format.Length && format[i] == '.')
            {
                i++;
                precision = ReadNumber(format, ref i) ?? 0;
            }

            if (i >= format.Length)
            {
                throw new TemplateRuntimeException("incomplete format");
            }

            var conversion = format[i];
            if (conversion == '%')
            {
                sb.Append('%');
                continue;
            }

            if (!haveValue)
            {
                if (next >= positional.Count)
                {
                    throw new TemplateRuntimeException("not enough arguments for format string");
                }

                value = positional[next++];
            }

            var text = Convert(conversion, flags, precision, value);
            var pad = (width ?? 0) - text.Length;
            if (pad > 0)
            {
                text = flags.Contains('-', StringComparison.Ordinal) ? text + new string(' ', pad)
                    : flags.Contains('0', StringComparison.Ordinal) && conversion is not ('s' or 'r' or 'c') ? ZeroPad(text, pad)
                    : new string(' ', pad) + text;
            }

            sb.Append(text);
        }

        if (named is null && next < positional.Count)
        {
            throw new TemplateRuntimeException("not all arguments converted during string formatting");
        }

        return sb.ToString();
    }

    private static string ZeroPad(string text, int pad) =>
        text.Length > 0 && text[0] is '-' or '+' or ' ' ? text[0] + new string('0', pad) + text[1..] : new string('0', pad) + text;

    private static int? ReadNumber(string format, ref int i)
    {
        var start = i;
        while (i < format.Length && char.IsAsciiDigit(format[i]))
        {
            i++;
        }

        return i > start ? int.Parse(format.AsSpan(start, i - start), CultureInfo.InvariantCulture) : null;
    }

    private static string Convert(char conversion, string flags, int? precision, object? value)
    {
        var sign = flags.Contains('+', StringComparison.Ordinal) ? "+" : flags.Contains(' ', StringComparison.Ordinal) ? " " : "";
        switch (conversion)
        {
            case 's':
                var s = PyFormat.Str(value);
                return precision is { } p && p < s.Length ? s[..p] : s;
            case 'r':
                return PyFormat.Repr(value);
            case 'd' or 'i' or 'u':
                var n = value is double d ? (long)Math.Truncate(d) : IntOf(value);
                return (n >= 0 ? sign : "") + n.ToString(CultureInfo.InvariantCulture);
            case 'f' or 'F':
                var f = PyOps.ToDouble(value);
                return (f >= 0 ? sign : "") + f.ToString("F" + (precision ?? 6), CultureInfo.InvariantCulture);
            case 'x' or 'X' or 'o':
                var x = IntOf(value);
                var body = System.Convert.ToString(Math.Abs(x), conversion == 'o' ? 8 : 16);
                return (x < 0 ? "-" : sign) + (conversion == 'X' ? body.ToUpperInvariant() : body);
            case 'c':
                return value is string c ? c : char.ConvertFromUtf32((int)IntOf(value));
            default:
                throw new TemplateRuntimeException($"unsupported format character '{conversion}'");
        }
    }

    private static long IntOf(object? value) => value switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        _ => throw new TemplateRuntimeException($"%d format: a real number is required, not {PyOps.TypeName(value)}"),
    };
}
