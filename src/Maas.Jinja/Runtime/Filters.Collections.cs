namespace Maas.Jinja.Runtime;

/// <summary>
/// Filters over sequences and mappings. Where jinja2 returns a lazy generator (map, select, ...) these return a list,
/// so <c>|length</c> works on them too; printing such a result directly shows the list, not a generator repr.
/// </summary>
internal static partial class Filters
{
    private static void AddCollectionFilters(Dictionary<string, Filter> t)
    {
        t["length"] = t["count"] = (_, v, a) => NoArgs(a, "length", PyOps.Length(v));
        t["first"] = (_, v, a) => NoArgs(a, "first", PyOps.Iterate(v) is { Count: > 0 } items
            ? items[0]
            : new Undefined("No first item, sequence was empty."));
        t["last"] = (_, v, a) => NoArgs(a, "last", PyOps.Iterate(v) is { Count: > 0 } items
            ? items[^1]
            : new Undefined("No last item, sequence was empty."));
        t["list"] = (_, v, a) => NoArgs(a, "list", PyOps.Iterate(v).ToList());
        t["reverse"] = (_, v, a) => NoArgs(a, "reverse", v is string s ? PyStrings.Reverse(s) : PyOps.Iterate(v).Reverse().ToList());
        t["attr"] = (_, v, a) =>
        {
            // Unlike `.name`, the attr filter only looks at attributes, never at dict keys.
            var name = PyFormat.Str(a.Bind("attr", "name")[0]);
            return v is PyDict && !Methods.IsDictMethod(name)
                ? new Undefined($"'dict object' has no attribute '{name}'")
                : Access.GetAttr(v, name);
        };
        t["join"] = (renderer, v, a) =>
        {
            var p = a.Bind("join", "d", "attribute");
            var items = PyOps.Iterate(v).AsEnumerable();
            if (!CallArgs.IsMissing(p[1]) && p[1] is not null)
            {
                items = items.Select(AttributeGetter(p[1]));
            }

            var parts = items.Select(PyFormat.Str).ToList();
            renderer.Limits.Produce(parts.Sum(x => (long)x.Length));
            return string.Join(PyFormat.Str(CallArgs.Or(p[0], "")), parts);
        };
        t["sort"] = (_, v, a) =>
        {
            var p = a.Bind("sort", "reverse", "case_sensitive", "attribute");
            var key = SortKey(BoolArg(p[1], false), CallArgs.Or(p[2], null));
            return Sorted(PyOps.Iterate(v), key, BoolArg(p[0], false));
        };
        t["dictsort"] = (_, v, a) =>
        {
            var p = a.Bind("dictsort", "case_sensitive", "by", "reverse");
            if (v is not PyDict dict)
            {
                throw new TemplateRuntimeException("dictsort expects a mapping");
            }

            var byValue = CallArgs.Or(p[1], "key") switch
            {
                "key" => false,
                "value" => true,
                _ => throw new TemplateRuntimeException("You can only sort by either \"key\" or \"value\""),
            };
            var pairs = dict.Select(kv => (object?)new PyTuple([kv.Key, kv.Value])).ToList();
            var key = SortKey(BoolArg(p[0], false), (long)(byValue ? 1 : 0));
            return Sorted(pairs, key, BoolArg(p[2], false));
        };
        t["unique"] = (_, v, a) =>
        {
            var p = a.Bind("unique", "case_sensitive", "attribute");
            var key = SortKey(BoolArg(p[0], false), CallArgs.Or(p[1], null));
            var seen = new List<object?>();
            var result = new List<object?>();
            foreach (var item in PyOps.Iterate(v))
            {
                var k = key(item);
                if (!seen.Any(s => PyOps.Equal(s, k)))
                {
                    seen.Add(k);
                    result.Add(item);
                }
            }

            return result;
        };
        t["min"] = (_, v, a) => Extreme(v, a, "min", wantMax: false);
        t["max"] = (_, v, a) => Extreme(v, a, "max", wantMax: true);
        t["sum"] = (renderer, v, a) =>
        {
            var p = a.Bind("sum", "attribute", "start");
            var items = PyOps.Iterate(v).AsEnumerable();
            if (!CallArgs.IsMissing(p[0]) && p[0] is not null)
            {
                items = items.Select(AttributeGetter(p[0]));
            }

            var start = CallArgs.Or(p[1], 0L);
            if (start is string)
            {
                throw new TemplateRuntimeException("sum() can't sum strings [use ''.join(seq) instead]");
            }

            return items.Aggregate(start, (total, item) => PyArith.Binary("+", total, item, renderer.Limits));
        };
        t["items"] = (_, v, a) => NoArgs(a, "items", v switch
        {
            Undefined => new List<object?>(),
            PyDict d => d.Select(kv => (object?)new PyTuple([kv.Key, kv.Value])).ToList(),
            _ => throw new TemplateRuntimeException("Can only get item pairs from a mapping."),
        });
        t["map"] = Map;
        t["select"] = (r, v, a) => Select(r, v, a, attribute: false, keep: true);
        t["reject"] = (r, v, a) => Select(r, v, a, attribute: false, keep: false);
        t["selectattr"] = (r, v, a) => Select(r, v, a, attribute: true, keep: true);
        t["rejectattr"] = (r, v, a) => Select(r, v, a, attribute: true, keep: false);
    }

    /// <summary>The comparison key: an attribute (or tuple index) of each item, lower-cased unless case-sensitive.</summary>
    private static Func<object?, object?> SortKey(bool caseSensitive, object? attribute)
    {
        var getter = attribute is null ? (item => item) : AttributeGetter(attribute);
        return caseSensitive ? getter : item => getter(item) is string s ? s.ToLowerInvariant() : getter(item);
    }

    private static List<object?> Sorted(IReadOnlyList<object?> items, Func<object?, object?> key, bool reverse)
    {
        // LINQ's ordering is stable like Python's sorted(), and does not wrap comparer exceptions.
        var comparer = Comparer<object?>.Create((x, y) => PyOps.Compare(x, y));
        return reverse
            ? items.OrderByDescending(key, comparer).ToList()
            : items.OrderBy(key, comparer).ToList();
    }

    private static object? Extreme(object? value, CallArgs args, string name, bool wantMax)
    {
        var p = args.Bind(name, "case_sensitive", "attribute");
        var items = PyOps.Iterate(value);
        if (items.Count == 0)
        {
            return new Undefined("No aggregated item, sequence was empty.");
        }

        var key = SortKey(BoolArg(p[0], false), CallArgs.Or(p[1], null));
        var best = items[0];
        foreach (var item in items.Skip(1))
        {
            var order = PyOps.Compare(key(item), key(best));
            if (wantMax ? order > 0 : order < 0)
            {
                best = item;
            }
        }

        return best;
    }

    /// <summary><c>map('filter', args...)</c> applies a filter; <c>map(attribute='x', default=y)</c> plucks an attribute.</summary>
    private static object? Map(Renderer renderer, object? value, CallArgs args)
    {
        var items = PyOps.Iterate(value);
        if (args.Positional.Count == 0)
        {
            var p = args.Bind("map", "attribute", "default");
            if (CallArgs.IsMissing(p[0]))
            {
                throw new TemplateRuntimeException("map requires a filter name or attribute=");
            }

            var getter = AttributeGetter(p[0], CallArgs.Or(p[1], null));
            return items.Select(getter).ToList();
        }

        var filter = PyFormat.Str(args.Positional[0]);
        var rest = new CallArgs(args.Positional.Skip(1).ToList(), args.Named);
        return items.Select(item => Apply(renderer, filter, item, rest)).ToList();
    }

    /// <summary>select/reject by a test name (or truthiness); selectattr/rejectattr test an attribute of each item.</summary>
    private static List<object?> Select(Renderer renderer, object? value, CallArgs args, bool attribute, bool keep)
    {
        var positional = args.Positional.ToList();
        Func<object?, object?> getter = item => item;
        if (attribute)
        {
            if (positional.Count == 0)
            {
                throw new TemplateRuntimeException("selectattr/rejectattr need an attribute name");
            }

            getter = AttributeGetter(positional[0]);
            positional.RemoveAt(0);
        }

        Func<object?, bool> test = PyOps.Truthy;
        if (positional.Count > 0)
        {
            var name = PyFormat.Str(positional[0]);
            var testArgs = new CallArgs(positional.Skip(1).ToList(), args.Named);
            test = item => Tests.Apply(renderer, name, item, testArgs);
        }

        return PyOps.Iterate(value).Where(item => test(getter(item)) == keep).ToList();
    }
}
