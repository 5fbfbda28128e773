using System.Globalization;
using System.Text;

namespace Maas.Jinja.Runtime;

/// <summary>Filters over single values: strings, numbers, default, tojson.</summary>
internal static partial class Filters
{
    private static void AddTextFilters(Dictionary<string, Filter> t)
    {
        t["lower"] = (_, v, a) => NoArgs(a, "lower", PyFormat.Str(v).ToLowerInvariant());
        t["upper"] = (_, v, a) => NoArgs(a, "upper", PyFormat.Str(v).ToUpperInvariant());
        t["capitalize"] = (_, v, a) => NoArgs(a, "capitalize", PyStrings.Capitalize(PyFormat.Str(v)));
        t["title"] = (_, v, a) => NoArgs(a, "title", PyStrings.TitleFilter(PyFormat.Str(v)));
        t["string"] = (_, v, a) => NoArgs(a, "string", PyFormat.Str(v));
        t["pprint"] = (_, v, a) => NoArgs(a, "pprint", PyFormat.Repr(v));

        // No autoescaping in chat templates, so safe only turns the value into a string.
        t["safe"] = (_, v, a) => NoArgs(a, "safe", PyFormat.Str(v));
        t["e"] = t["escape"] = t["forceescape"] = (_, v, a) => NoArgs(a, "escape", Escape(PyFormat.Str(v)));
        t["trim"] = (_, v, a) =>
        {
            var chars = a.Bind("trim", "chars")[0];
            return PyStrings.Strip(PyFormat.Str(v), chars as string, left: true, right: true);
        };
        t["default"] = t["d"] = (_, v, a) =>
        {
            var p = a.Bind("default", "default_value", "boolean");
            var useDefault = v is Undefined || (BoolArg(p[1], false) && !PyOps.Truthy(v));
            return useDefault ? CallArgs.Or(p[0], "") : v;
        };
        t["replace"] = (_, v, a) =>
        {
            var p = a.Bind("replace", "old", "new", "count");
            return PyStrings.Replace(PyFormat.Str(v), PyFormat.Str(p[0]), PyFormat.Str(p[1]), IntArg(p[2], -1));
        };
        t["format"] = (_, v, a) =>
        {
            if (a.Positional.Count > 0 && a.Named.Count > 0)
            {
                throw new TemplateRuntimeException("can't handle positional and keyword arguments at the same time");
            }

            object args = a.Named.Count > 0 ? ToDict(a.Named) : new PyTuple(a.Positional);
            return PrintfFormat.Format(PyFormat.Str(v), args);
        };
        t["indent"] = (_, v, a) =>
        {
            var p = a.Bind("indent", "width", "first", "blank");
            var indent = p[0] is string s ? s : new string(' ', (int)Math.Clamp(IntArg(p[0], 4), 0, 1024));
            return Indent(PyFormat.Str(v), indent, BoolArg(p[1], false), BoolArg(p[2], false));
        };
        t["truncate"] = (_, v, a) =>
        {
            var p = a.Bind("truncate", "length", "killwords", "end", "leeway");
            return Truncate(PyFormat.Str(v), IntArg(p[0], 255), BoolArg(p[1], false), CallArgs.Or(p[2], "...") as string ?? "...",
                IntArg(p[3], 5));
        };
        t["wordcount"] = (_, v, a) => NoArgs(a, "wordcount", (object)WordCount(PyFormat.Str(v)));
        t["tojson"] = (_, v, a) =>
        {
            var p = a.Bind("tojson", "ensure_ascii", "indent", "separators", "sort_keys");
            (string, string)? separators = CallArgs.Or(p[2], null) switch
            {
                null => null,
                IReadOnlyList<object?> { Count: 2 } pair => (PyFormat.Str(pair[0]), PyFormat.Str(pair[1])),
                _ => throw new TemplateRuntimeException("tojson separators must be a (item, key) pair"),
            };
            return PyJson.Dumps(v, CallArgs.Or(p[1], null), separators, BoolArg(p[0], false), BoolArg(p[3], false));
        };
        t["int"] = (_, v, a) =>
        {
            var p = a.Bind("int", "default", "base");
            return ToInt(v, IntArg(p[1], 10)) ?? CallArgs.Or(p[0], 0L);
        };
        t["float"] = (_, v, a) =>
        {
            var p = a.Bind("float", "default");
            return ToFloat(v) ?? CallArgs.Or(p[0], 0.0);
        };
        t["abs"] = (_, v, a) => NoArgs(a, "abs", v switch
        {
            long l => (object)Math.Abs(l),
            double d => Math.Abs(d),
            bool b => b ? 1L : 0L,
            _ => throw new TemplateRuntimeException($"bad operand type for abs(): '{PyOps.TypeName(v)}'"),
        });
        t["round"] = (_, v, a) =>
        {
            var p = a.Bind("round", "precision", "method");
            return Round(v, (int)Math.Clamp(IntArg(p[0], 0), -15, 15), CallArgs.Or(p[1], "common") as string ?? "common");
        };
    }

    private static object? NoArgs(CallArgs args, string name, object? result)
    {
        args.Bind(name);
        return result;
    }

    private static PyDict ToDict(IEnumerable<KeyValuePair<string, object?>> pairs)
    {
        var dict = new PyDict();
        foreach (var (k, v) in pairs)
        {
            dict[k] = v;
        }

        return dict;
    }

    /// <summary>markupsafe's escape.</summary>
    private static string Escape(string s) => s
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&#34;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);

    /// <summary>jinja2's indent: appends a newline so splitlines keeps a trailing empty line, then indents non-blank lines.</summary>
    private static string Indent(string s, string indent, bool first, bool blank)
    {
        var lines = PyStrings.SplitLines(s + "\n");
        string result;
        if (blank)
        {
            result = string.Join("\n" + indent, lines);
        }
        else
        {
            var sb = new StringBuilder(lines.Count > 0 ? lines[0] : "");
            if (lines.Count > 1)
            {
                sb.Append('\n').Append(string.Join("\n", lines.Skip(1).Select(l => l.Length > 0 ? indent + l : l)));
            }

            result = sb.ToString();
        }

        return first ? indent + result : result;
    }

    private static string Truncate(string s, long length, bool killWords, string end, long leeway)
    {
        if (length < end.Length)
        {
            throw new TemplateRuntimeException("expected length >= len(end)");
        }

        if (s.Length <= length + leeway)
        {
            return s;
        }

        var cut = s[..(int)(length - end.Length)];
        if (killWords)
        {
            return cut + end;
        }

        var space = cut.LastIndexOf(' ');
        return (space >= 0 ? cut[..space] : cut) + end;
    }

    private static long WordCount(string s)
    {
        long count = 0;
        var inWord = false;
        foreach (var c in s)
        {
            var word = char.IsLetterOrDigit(c) || c == '_';
            if (word && !inWord)
            {
                count++;
            }

            inWord = word;
        }

        return count;
    }

    /// <summary>jinja2's int filter: int(value, base), else int(float(value)), else null (the caller's default).</summary>
    private static long? ToInt(object? value, long numberBase)
    {
        switch (value)
        {
            case long l:
                return l;
            case bool b:
                return b ? 1 : 0;
            case double d when !double.IsNaN(d) && !double.IsInfinity(d) && Math.Abs(d) < 9.2e18:
                return (long)Math.Truncate(d);
            case string s:
                var text = s.Trim().Replace("_", "", StringComparison.Ordinal);
                if (numberBase == 10 && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                {
                    return n;
                }

                if (numberBase is 2 or 8 or 16)
                {
                    var digits = text.Length > 2 && text[0] == '0' && char.IsLetter(text[1]) ? text[2..] : text;
                    try
                    {
                        return Convert.ToInt64(digits, (int)numberBase);
                    }
                    catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
                    {
                        return null;
                    }
                }

                return ToFloat(s) is { } f ? ToInt(f, 10) : null;
            default:
                return null;
        }
    }

    private static double? ToFloat(object? value) => value switch
    {
        double d => d,
        long l => l,
        bool b => b ? 1 : 0,
        string s => ParseFloat(s.Trim()),
        _ => null,
    };

    private static double? ParseFloat(string s)
    {
        var lower = s.ToLowerInvariant().TrimStart('+');
        if (lower is "inf" or "infinity")
        {
            return s.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
        }

        if (lower is "-inf" or "-infinity")
        {
            return double.NegativeInfinity;
        }

        if (lower is "nan" or "-nan")
        {
            return double.NaN;
        }

        return double.TryParse(s.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : null;
    }

    /// <summary>'common' is Python's round (half to even), which keeps ints as ints; ceil/floor always give a float.</summary>
    private static object Round(object? value, int precision, string method)
    {
        if (method == "common" && value is long or bool)
        {
            return value is bool b ? (b ? 1L : 0L) : value;
        }

        var d = PyOps.ToDouble(value);
        var scale = Math.Pow(10, precision);
        return method switch
        {
            "common" => Math.Round(d, Math.Max(precision, 0), MidpointRounding.ToEven),
            "ceil" => Math.Ceiling(d * scale) / scale,
            "floor" => Math.Floor(d * scale) / scale,
            _ => throw new TemplateRuntimeException("method must be common, ceil or floor"),
        };
    }
}
