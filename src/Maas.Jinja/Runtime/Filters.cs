namespace Maas.Jinja.Runtime;

/// <summary>Filter dispatch; the filters themselves live in Filters.Text.cs and Filters.Collections.cs.</summary>
internal static partial class Filters
{
    private delegate object? Filter(Renderer renderer, object? value, CallArgs args);

    private static readonly Dictionary<string, Filter> All = BuildTable();

    public static object? Apply(Renderer renderer, string name, object? value, CallArgs args)
    {
        if (!All.TryGetValue(name, out var filter))
        {
            throw new TemplateRuntimeException($"No filter named '{name}'.");
        }

        var result = filter(renderer, value, args);
        if (result is string text && !ReferenceEquals(text, value))
        {
            renderer.Limits.Produce(text.Length);
        }

        return result;
    }

    private static Dictionary<string, Filter> BuildTable()
    {
        var table = new Dictionary<string, Filter>(StringComparer.Ordinal);
        AddTextFilters(table);
        AddCollectionFilters(table);
        return table;
    }

    /// <summary>jinja2's attribute getter: "a.b.0" walks items/attributes, numeric parts index lists.</summary>
    private static Func<object?, object?> AttributeGetter(object? attribute, object? fallback = null)
    {
        if (attribute is long index)
        {
            return item => Access.GetItem(item, index);
        }

        var parts = PyFormat.Str(attribute).Split('.')
            .Select(p => long.TryParse(p, out var n) ? (object)n : p)
            .ToArray();
        return item =>
        {
            foreach (var part in parts)
            {
                item = Access.GetItem(item, part);
            }

            return item is Undefined && fallback is not null ? fallback : item;
        };
    }

    private static long IntArg(object? value, long fallback) => value switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        double d => (long)d,
        _ when CallArgs.IsMissing(value) || value is null => fallback,
        _ => throw new TemplateRuntimeException($"expected an integer argument, got {PyOps.TypeName(value)}"),
    };

    private static bool BoolArg(object? value, bool fallback) =>
        CallArgs.IsMissing(value) ? fallback : PyOps.Truthy(value);
}
