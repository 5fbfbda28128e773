using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Maas.Jinja.Runtime;

/// <summary>
/// Python's <c>json.dumps</c> as transformers' <c>tojson</c> calls it: key order kept, non-ASCII kept unless
/// ensure_ascii, separators ", " and ": " by default ("," and ": " once an indent is given).
/// </summary>
internal sealed class PyJson
{
    private readonly StringBuilder _sb = new();
    private readonly string? _indent;
    private readonly string _itemSeparator;
    private readonly string _keySeparator;
    private readonly bool _ensureAscii;
    private readonly bool _sortKeys;

    private PyJson(string? indent, string itemSeparator, string keySeparator, bool ensureAscii, bool sortKeys)
    {
        _indent = indent;
        _itemSeparator = itemSeparator;
        _keySeparator = keySeparator;
        _ensureAscii = ensureAscii;
        _sortKeys = sortKeys;
    }

    public static string Dumps(object? value, object? indent, (string Item, string Key)? separators, bool ensureAscii, bool sortKeys)
    {
        var indentText = indent switch
        {
            null => null,
            long n => new string(' ', (int)Math.Clamp(n, 0, 64)),
            bool b => new string(' ', b ? 1 : 0),
            string s => s,
            _ => throw new TemplateRuntimeException($"tojson indent must be an int or string, not {PyOps.TypeName(indent)}"),
        };
        var (item, key) = separators ?? (indentText is null ? ", " : ",", ": ");
        var json = new PyJson(indentText, item, key, ensureAscii, sortKeys);
        json.Write(value, 0);
        return json._sb.ToString();
    }

    private void Write(object? value, int level)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (value)
        {
            case null:
                _sb.Append("null");
                break;
            case bool b:
                _sb.Append(b ? "true" : "false");
                break;
            case long l:
                _sb.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                _sb.Append(double.IsNaN(d) ? "NaN" : double.IsInfinity(d) ? (d > 0 ? "Infinity" : "-Infinity") : PyFormat.Float(d));
                break;
            case string s:
                WriteString(s);
                break;
            case IReadOnlyList<object?> list:
                WriteContainer('[', ']', list.Count, level, (i, l) => Write(list[i], l));
                break;
            case PyDict dict:
                var pairs = dict.Select(kv => (Key: KeyText(kv.Key), kv.Value)).ToList();
                if (_sortKeys)
                {
                    pairs.Sort((x, y) => string.CompareOrdinal(x.Key, y.Key));
                }

                WriteContainer('{', '}', pairs.Count, level, (i, l) =>
                {
                    WriteString(pairs[i].Key);
                    _sb.Append(_keySeparator);
                    Write(pairs[i].Value, l);
                });
                break;
            default:
                throw new TemplateRuntimeException($"Object of type {PyOps.TypeName(value)} is not JSON serializable");
        }
    }

    private void WriteContainer(char open, char close, int count, int level, Action<int, int> writeItem)
    {
        _sb.Append(open);
        if (count == 0)
        {
            _sb.Append(close);
            return;
        }

        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                _sb.Append(_itemSeparator);
            }

            NewLine(level + 1);
            writeItem(i, level + 1);
        }

        NewLine(level);
        _sb.Append(close);
    }

    private void NewLine(int level)
    {
        if (_indent is null)
        {
            return;
        }

        _sb.Append('\n');
        for (var i = 0; i < level; i++)
        {
            _sb.Append(_indent);
        }
    }

    /// <summary>Python converts non-string keys: True → "true", None → "null", numbers by repr.</summary>
    private static string KeyText(object key) => key switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => PyFormat.Float(d),
        _ => throw new TemplateRuntimeException($"keys must be str, int, float, bool or None, not {PyOps.TypeName(key)}"),
    };

    private void WriteString(string s)
    {
        _sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': _sb.Append("\\\""); break;
                case '\\': _sb.Append("\\\\"); break;
                case '\n': _sb.Append("\\n"); break;
                case '\r': _sb.Append("\\r"); break;
                case '\t': _sb.Append("\\t"); break;
                case '\b': _sb.Append("\\b"); break;
                case '\f': _sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || (_ensureAscii && c > 0x7e))
                    {
                        _sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        _sb.Append(c);
                    }

                    break;
            }
        }

        _sb.Append('"');
    }
}
