namespace Maas.Jinja.Runtime;

/// <summary>jinja2's tests (<c>x is defined</c>, <c>n is divisibleby 3</c>, ...).</summary>
internal static class Tests
{
    private delegate bool Test(Renderer renderer, object? value, CallArgs args);

    private static readonly Dictionary<string, Test> All = new(StringComparer.Ordinal)
    {
        ["defined"] = (_, v, _) => v is not Undefined,
        ["undefined"] = (_, v, _) => v is Undefined,
        ["none"] = (_, v, _) => v is null,
        ["boolean"] = (_, v, _) => v is bool,
        ["true"] = (_, v, _) => v is true,
        ["false"] = (_, v, _) => v is false,
        ["string"] = (_, v, _) => v is string,
        ["number"] = (_, v, _) => PyOps.IsNumber(v),
        ["integer"] = (_, v, _) => v is long,
        ["float"] = (_, v, _) => v is double,
        ["mapping"] = (_, v, _) => v is PyDict,
        ["sequence"] = (_, v, _) => v is string or PyDict or IReadOnlyList<object?>,
        ["iterable"] = (_, v, _) => v is string or PyDict or IReadOnlyList<object?> or Undefined,
        ["callable"] = (_, v, _) => v is ICallable or Undefined,
        ["even"] = (_, v, _) => IntOf(v) % 2 == 0,
        ["odd"] = (_, v, _) => IntOf(v) % 2 != 0,
        ["divisibleby"] = (_, v, a) => IntOf(v) % IntOf(Arg(a, "divisibleby", "num")) == 0,
        ["lower"] = (_, v, _) => PyFormat.Str(v) is var s && s.Any(char.IsLetter) && s == s.ToLowerInvariant(),
        ["upper"] = (_, v, _) => PyFormat.Str(v) is var s && s.Any(char.IsLetter) && s == s.ToUpperInvariant(),
        ["sameas"] = (_, v, a) => SameAs(v, Arg(a, "sameas", "other")),
        ["in"] = (_, v, a) => PyOps.Contains(Arg(a, "in", "seq"), v),
        ["eq"] = Comparison("=="),
        ["equalto"] = Comparison("=="),
        ["=="] = Comparison("=="),
        ["ne"] = Comparison("!="),
        ["!="] = Comparison("!="),
        ["lt"] = Comparison("<"),
        ["lessthan"] = Comparison("<"),
        ["<"] = Comparison("<"),
        ["le"] = Comparison("<="),
        ["<="] = Comparison("<="),
        ["gt"] = Comparison(">"),
        ["greaterthan"] = Comparison(">"),
        [">"] = Comparison(">"),
        ["ge"] = Comparison(">="),
        [">="] = Comparison(">="),
    };

    public static bool Apply(Renderer renderer, string name, object? value, CallArgs args) =>
        All.TryGetValue(name, out var test)
            ? test(renderer, value, args)
            : throw new TemplateRuntimeException($"No test named '{name}'.");

    private static Test Comparison(string op) => (_, v, a) => Renderer.CompareOnce(op, v, Arg(a, op, "other"));

    private static object? Arg(CallArgs args, string test, string name)
    {
        var value = args.Bind(test, name)[0];
        return CallArgs.IsMissing(value) ? throw new TemplateRuntimeException($"test '{test}' needs an argument") : value;
    }

    private static long IntOf(object? value) => value switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        double d => (long)d,
        Undefined u => throw u.Error(),
        _ => throw new TemplateRuntimeException($"expected a number, got {PyOps.TypeName(value)}"),
    };

    private static bool SameAs(object? a, object? b) =>
        a is null ? b is null : a is bool or long ? PyOps.Equal(a, b) && a.GetType() == b?.GetType() : ReferenceEquals(a, b);
}
