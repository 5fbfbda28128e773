using System.Collections;

namespace Maas.Jinja.Runtime;

/// <summary>
/// jinja2's default <c>Undefined</c>: prints as empty, is falsy and iterates as empty, but any attribute or item
/// access, call or arithmetic on it raises with <see cref="Hint"/> (e.g. "'foo' is undefined").
/// </summary>
internal sealed class Undefined(string hint)
{
    public string Hint { get; } = hint;

    public TemplateRuntimeException Error() => new(Hint);
}

/// <summary>A Python tuple: prints as <c>(a, b)</c> and never equals a list.</summary>
internal sealed class PyTuple(IReadOnlyList<object?> items) : IReadOnlyList<object?>
{
    public static PyTuple Empty { get; } = new([]);

    public IReadOnlyList<object?> Items { get; } = items;

    public int Count => Items.Count;

    public object? this[int index] => Items[index];

    public IEnumerator<object?> GetEnumerator() => Items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A Python dict: insertion-ordered, keys compared with Python equality (1 == 1.0 == True).</summary>
internal sealed class PyDict : OrderedDictionary<object, object?>
{
    public PyDict()
        : base(PyKeyComparer.Instance)
    {
    }
}

/// <summary><c>namespace()</c>: the one object templates may mutate, via <c>{% set ns.attr = value %}</c>.</summary>
internal sealed class Namespace
{
    public Dictionary<string, object?> Attributes { get; } = new(StringComparer.Ordinal);
}

internal sealed class PyKeyComparer : IEqualityComparer<object>
{
    public static PyKeyComparer Instance { get; } = new();

    public new bool Equals(object? x, object? y) => PyOps.Equal(x, y);

    public int GetHashCode(object obj) => obj switch
    {
        string s => StringComparer.Ordinal.GetHashCode(s),
        bool b => b ? 1 : 0,
        long l => l.GetHashCode(),
        double d when d == Math.Floor(d) && Math.Abs(d) < 9e18 => ((long)d).GetHashCode(),
        double d => d.GetHashCode(),
        PyTuple t => t.Items.Aggregate(17, (h, item) => (h * 31) + (item is null ? 0 : GetHashCode(item))),
        _ => obj.GetHashCode(),
    };
}
