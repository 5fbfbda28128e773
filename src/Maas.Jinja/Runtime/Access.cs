namespace Maas.Jinja.Runtime;

/// <summary>
/// jinja2's sandboxed getattr/getitem: <c>a.b</c> tries the attribute (methods) then the item, <c>a['b']</c> the item then
/// the attribute; a miss is <see cref="Undefined"/>, but any access on an undefined value raises.
/// </summary>
internal static class Access
{
    public static object? GetAttr(object? target, string name) => target switch
    {
        Undefined u => throw u.Error(),
        PyDict d when Methods.IsDictMethod(name) => new BoundMethod(d, name),
        PyDict d => d.TryGetValue(name, out var value) ? value : NoAttribute(target, name),
        Namespace ns => ns.Attributes.TryGetValue(name, out var value) ? value : NoAttribute(target, name),
        LoopContext loop => loop.GetAttribute(name),
        string s when Methods.IsStringMethod(name) => new BoundMethod(s, name),
        IReadOnlyList<object?> list when Methods.IsListMethod(name) => new BoundMethod(list, name),
        _ => NoAttribute(target, name),
    };

    public static object? GetItem(object? target, object? key)
    {
        switch (target)
        {
            case Undefined u:
                throw u.Error();
            case PyDict d:
                if (key is not null && PyOps.IsHashable(key) && d.TryGetValue(key, out var value))
                {
                    return value;
                }

                return key is string name ? GetAttr(target, name) : NoAttribute(target, PyFormat.Str(key));
            case IReadOnlyList<object?> list when key is long or bool:
                var index = Index(key, list.Count);
                return index >= 0 ? list[index] : new Undefined($"{PyOps.TypeName(target)} object has no element {PyFormat.Str(key)}");
            case string s when key is long or bool:
                var chars = PyStrings.Chars(s);
                var at = Index(key, chars.Count);
                return at >= 0 ? chars[at] : new Undefined($"str object has no element {PyFormat.Str(key)}");
            default:
                return key is string attr ? GetAttr(target, attr) : NoAttribute(target, PyFormat.Str(key));
        }
    }

    /// <summary>Python slicing <c>[start:stop:step]</c> of a list, tuple or string.</summary>
    public static object? Slice(object? target, object? start, object? stop, object? step)
    {
        if (target is Undefined u)
        {
            throw u.Error();
        }

        IReadOnlyList<object?> items = target switch
        {
            string s => PyStrings.Chars(s),
            IReadOnlyList<object?> list => list,
            _ => throw new TemplateRuntimeException($"'{PyOps.TypeName(target)}' object is not subscriptable"),
        };
        var picked = new List<object?>();
        foreach (var i in SliceIndices(items.Count, SliceArg(start), SliceArg(stop), SliceArg(step)))
        {
            picked.Add(items[i]);
        }

        return target switch
        {
            string => string.Concat(picked),
            PyTuple => new PyTuple(picked),
            _ => picked,
        };
    }

    private static long? SliceArg(object? value) => value switch
    {
        null => null,
        long l => l,
        bool b => b ? 1 : 0,
        _ => throw new TemplateRuntimeException("slice indices must be integers or None"),
    };

    private static IEnumerable<int> SliceIndices(int length, long? start, long? stop, long? step)
    {
        var s = step ?? 1;
        if (s == 0)
        {
            throw new TemplateRuntimeException("slice step cannot be zero");
        }

        long Clamp(long? value, long fallback, long low, long high)
        {
            if (value is not { } v)
            {
                return fallback;
            }

            if (v < 0)
            {
                v += length;
            }

            return Math.Clamp(v, low, high);
        }

        if (s > 0)
        {
            for (var i = Clamp(start, 0, 0, length); i < Clamp(stop, length, 0, length); i += s)
            {
                yield return (int)i;
            }
        }
        else
        {
            for (var i = Clamp(start, length - 1, -1, length - 1); i > Clamp(stop, -1, -1, length - 1); i += s)
            {
                yield return (int)i;
            }
        }
    }

    private static int Index(object key, int count)
    {
        var i = key is bool b ? (b ? 1 : 0) : (long)key;
        if (i < 0)
        {
            i += count;
        }

        return i >= 0 && i < count ? (int)i : -1;
    }

    private static Undefined NoAttribute(object? target, string name) =>
        new($"'{PyOps.TypeName(target)} object' has no attribute '{name}'");
}
