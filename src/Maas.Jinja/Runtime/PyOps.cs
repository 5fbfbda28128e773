namespace Maas.Jinja.Runtime;

/// <summary>Python semantics for truthiness, equality, ordering, iteration and length over the runtime values.</summary>
internal static class PyOps
{
    public static bool Truthy(object? value) => value switch
    {
        null or Undefined => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        PyDict d => d.Count > 0,
        IReadOnlyList<object?> list => list.Count > 0,
        _ => true,
    };

    public static string TypeName(object? value) => value switch
    {
        null => "NoneType",
        Undefined => "Undefined",
        bool => "bool",
        long => "int",
        double => "float",
        string => "str",
        PyDict => "dict",
        PyTuple => "tuple",
        List<object?> => "list",
        Namespace => "Namespace",
        LoopContext => "LoopContext",
        Macro => "Macro",
        _ => "builtin_function_or_method",
    };

    public static bool IsNumber(object? value) => value is long or double or bool;

    public static double ToDouble(object? value) => value switch
    {
        long l => l,
        double d => d,
        bool b => b ? 1 : 0,
        _ => throw new TemplateRuntimeException($"expected a number, got {TypeName(value)}"),
    };

    public static bool Equal(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        switch (a)
        {
            case null:
                return b is null;
            case Undefined:
                return b is Undefined;
            case string s:
                return b is string other && string.Equals(s, other, StringComparison.Ordinal);
            case long or bool or double when IsNumber(b):
                return a is double || b is double ? ToDouble(a) == ToDouble(b) : ToLong(a) == ToLong(b);
            case PyTuple t:
                return b is PyTuple u && SequenceEqual(t.Items, u.Items);
            case List<object?> l:
                return b is List<object?> m && SequenceEqual(l, m);
            case PyDict d:
                return b is PyDict e && d.Count == e.Count &&
                       d.All(kv => e.TryGetValue(kv.Key, out var theirs) && Equal(kv.Value, theirs));
            default:
                return false;
        }
    }

    private static long ToLong(object? value) => value is bool b ? (b ? 1 : 0) : (long)value!;

    private static bool SequenceEqual(IReadOnlyList<object?> a, IReadOnlyList<object?> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!Equal(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Python ordering: numbers with numbers, strings by code point, sequences lexicographically.</summary>
    public static int Compare(object? a, object? b, string op = "<")
    {
        if (IsNumber(a) && IsNumber(b))
        {
            return a is double || b is double ? ToDouble(a).CompareTo(ToDouble(b)) : ToLong(a).CompareTo(ToLong(b));
        }

        if (a is string s && b is string t)
        {
            return Math.Sign(string.CompareOrdinal(s, t));
        }

        if ((a is List<object?> && b is List<object?>) || (a is PyTuple && b is PyTuple))
        {
            var x = (IReadOnlyList<object?>)a;
            var y = (IReadOnlyList<object?>)b;
            for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
            {
                if (!Equal(x[i], y[i]))
                {
                    return Compare(x[i], y[i], op);
                }
            }

            return x.Count.CompareTo(y.Count);
        }

        if (a is Undefined u)
        {
            throw u.Error();
        }

        if (b is Undefined v)
        {
            throw v.Error();
        }

        throw new TemplateRuntimeException(
            $"'{op}' not supported between instances of '{TypeName(a)}' and '{TypeName(b)}'");
    }

    public static bool Contains(object? container, object? item) => container switch
    {
        string s when item is string t => s.Contains(t, StringComparison.Ordinal),
        string => throw new TemplateRuntimeException(
            $"'in <string>' requires string as left operand, not {TypeName(item)}"),
        PyDict d => item is not null && IsHashable(item) && d.ContainsKey(item),
        IReadOnlyList<object?> list => list.Any(x => Equal(x, item)),
        Undefined => false,
        Namespace ns => item is string key && ns.Attributes.ContainsKey(key),
        _ => throw new TemplateRuntimeException($"argument of type '{TypeName(container)}' is not iterable"),
    };

    public static bool IsHashable(object? value) => value is not (List<object?> or PyDict);

    /// <summary>Python iteration: dict yields keys, str yields characters (code points), undefined nothing.</summary>
    public static IReadOnlyList<object?> Iterate(object? value) => value switch
    {
        IReadOnlyList<object?> list => list,
        PyDict d => [.. d.Keys],
        string s => PyStrings.Chars(s),
        Undefined => [],
        _ => throw new TemplateRuntimeException($"'{TypeName(value)}' object is not iterable"),
    };

    public static long Length(object? value) => value switch
    {
        string s => PyStrings.Length(s),
        PyDict d => d.Count,
        IReadOnlyList<object?> list => list.Count,
        Undefined => 0,
        Namespace ns => ns.Attributes.Count,
        _ => throw new TemplateRuntimeException($"object of type '{TypeName(value)}' has no len()"),
    };
}
