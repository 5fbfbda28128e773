using System.Globalization;
using System.Text;

namespace Maas.Jinja.Syntax;

/// <summary>Python's "unicode-escape" decoding of string literals; unknown escapes such as <c>\d</c> stay as written.</summary>
internal static class StringEscapes
{
    public static string Unescape(string raw)
    {
        if (!raw.Contains('\\', StringComparison.Ordinal))
        {
            return raw;
        }

        var sb = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c != '\\' || i + 1 >= raw.Length)
            {
                sb.Append(c);
                continue;
            }

            var e = raw[++i];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case '\\': sb.Append('\\'); break;
                case '\'': sb.Append('\''); break;
                case '"': sb.Append('"'); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case '\n': break;
                case 'x' when TryHex(raw, i + 1, 2, out var x):
                    sb.Append((char)x);
                    i += 2;
                    break;
                case 'u' when TryHex(raw, i + 1, 4, out var u):
                    sb.Append((char)u);
                    i += 4;
                    break;
                case 'U' when TryHex(raw, i + 1, 8, out var big) && big <= 0x10FFFF:
                    sb.Append(char.ConvertFromUtf32(big));
                    i += 8;
                    break;
                case >= '0' and <= '7':
                    var value = 0;
                    var n = 0;
                    for (; n < 3 && i + n < raw.Length && raw[i + n] is >= '0' and <= '7'; n++)
                    {
                        value = (value * 8) + (raw[i + n] - '0');
                    }

                    sb.Append((char)value);
                    i += n - 1;
                    break;
                default:
                    sb.Append('\\').Append(e);
                    break;
            }
        }

        return sb.ToString();
    }

    private static bool TryHex(string s, int start, int length, out int value)
    {
        value = 0;
        return start + length <= s.Length &&
               int.TryParse(s.AsSpan(start, length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
