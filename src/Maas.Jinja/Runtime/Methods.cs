using System.Text;

namespace Maas.Jinja.Runtime;

/// <summary>
/// The Python methods templates call on values: str (strip, split, startswith, ...), dict (get, items, keys,
/// values) and the read-only list methods. Mutating methods (append, pop, update) are absent, as in the
/// immutable sandbox transformers uses.
/// </summary>
internal static class Methods
{
    private static readonly HashSet<string> StringMethods =
    [
        "strip", "lstrip", "rstrip", "split", "rsplit", "splitlines", "startswith", "endswith", "upper", "lower",
        "title", "capitalize", "replace", "format", "join", "find", "rfind", "count", "isdigit", "isalpha",
        "isalnum", "isspace", "islower", "isupper",
    ];

    private static readonly HashSet<string> DictMethods = ["items", "keys", "values", "get"];

    private static readonly HashSet<string> ListMethods = ["count", "index"];

    public static bool IsStringMethod(string name) => StringMethods.Contains(name);

    public static bool IsDictMethod(string name) => DictMethods.Contains(name);

    public static bool IsListMethod(string name) => ListMethods.Contains(name);

    public static object? Invoke(Renderer renderer, object target, string name, CallArgs args) => target switch
    {
        string s => Charged(renderer, StringMethod(s, name, args)),
        PyDict d => DictMethod(d, name, args),
        IReadOnlyList<object?> list => ListMethod(list, name, args),
        _ => throw new TemplateRuntimeException($"'{PyOps.TypeName(target)}' object has no attribute '{name}'"),
    };

    private static object Charged(Renderer renderer, object result)
    {
        if (result is string text)
        {
            renderer.Limits.Produce(text.Length);
        }

        return result;
    }

    private static object? DictMethod(PyDict dict, string name, CallArgs args)
    {
        switch (name)
        {
            case "items":
                args.Bind("items");
                return dict.Select(kv => (object?)new PyTuple([kv.Key, kv.Value])).ToList();
            case "keys":
                args.Bind("keys");
                return dict.Keys.Cast<object?>().ToList();
            case "values":
                args.Bind("values");
                return dict.Values.ToList();
            default:
                var a = args.Bind("get", "key", "default");
                var key = a[0];
                return key is not null && PyOps.IsHashable(key) && dict.TryGetValue(key, out var value)
                    ? value
                    : CallArgs.Or(a[1], null);
        }
    }

    private static object? ListMethod(IReadOnlyList<object?> list, string name, CallArgs args)
    {
        var item = args.Bind(name, "value")[0];
        if (name == "count")
        {
            return (long)list.Count(x => PyOps.Equal(x, item));
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (PyOps.Equal(list[i], item))
            {
                return (long)i;
            }
        }

        throw new TemplateRuntimeException($"{PyFormat.Repr(item)} is not in list");
    }

    private static object StringMethod(string s, string name, CallArgs args)
    {
        switch (name)
        {
            case "strip" or "lstrip" or "rstrip":
                var chars = OptionalString(args.Bind(name, "chars")[0]);
                return PyStrings.Strip(s, chars, left: name != "rstrip", right: name != "lstrip");
            case "split" or "rsplit":
                var split = args.Bind(name, "sep", "maxsplit");
                return PyStrings.Split(s, OptionalString(split[0]), CallArgs.Or(split[1], -1L) as long? ?? -1, name == "rsplit");
            case "splitlines":
                args.Bind(name);
                return PyStrings.SplitLines(s).Cast<object?>().ToList();
            case "startswith" or "endswith":
                var prefix = args.Bind(name, "prefix")[0];
                var candidates = prefix is PyTuple t ? t.Items : [prefix];
                return candidates.Any(c => c is string p && (name == "startswith"
                    ? s.StartsWith(p, StringComparison.Ordinal)
                    : s.EndsWith(p, StringComparison.Ordinal)));
            case "upper":
                return s.ToUpperInvariant();
            case "lower":
                return s.ToLowerInvariant();
            case "title":
                return PyStrings.Title(s);
            case "capitalize":
                return PyStrings.Capitalize(s);
            case "replace":
                var r = args.Bind(name, "old", "new", "count");
                return PyStrings.Replace(s, RequireString(r[0]), RequireString(r[1]), CallArgs.Or(r[2], -1L) as long? ?? -1);
            case "format":
                return FormatMethod(s, args);
            case "join":
                var parts = PyOps.Iterate(args.Bind(name, "iterable")[0]);
                return string.Join(s, parts.Select(p => p as string
                    ?? throw new TemplateRuntimeException($"sequence item: expected str instance, {PyOps.TypeName(p)} found")));
            case "find" or "rfind":
                var needle = RequireString(args.Bind(name, "sub")[0]);
                return (long)(name == "find" ? s.IndexOf(needle, StringComparison.Ordinal) : s.LastIndexOf(needle, StringComparison.Ordinal));
            case "count":
                var sub = RequireString(args.Bind(name, "sub")[0]);
                return sub.Length == 0 ? PyStrings.Length(s) + 1 : (long)((s.Length - s.Replace(sub, "", StringComparison.Ordinal).Length) / sub.Length);
            case "isdigit":
                return s.Length > 0 && s.All(char.IsDigit);
            case "isalpha":
                return s.Length > 0 && s.All(char.IsLetter);
            case "isalnum":
                return s.Length > 0 && s.All(char.IsLetterOrDigit);
            case "isspace":
                return s.Length > 0 && s.All(Syntax.PyChars.IsSpace);
            case "islower":
                return s.Any(char.IsLetter) && s == s.ToLowerInvariant();
            default:
                return s.Any(char.IsLetter) && s == s.ToUpperInvariant();
        }
    }

    /// <summary><c>str.format</c> with <c>{}</c>, <c>{0}</c> and <c>{name}</c> fields (no format specs beyond plain str).</summary>
    private static string FormatMethod(string format, CallArgs args)
    {
        var sb = new StringBuilder();
        var auto = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if ((c == '{' || c == '}') && i + 1 < format.Length && format[i + 1] == c)
            {
                sb.Append(c);
                i++;
                continue;
            }

            if (c != '{')
            {
                sb.Append(c);
                continue;
            }

            var close = format.IndexOf('}', i);
            if (close < 0)
            {
                throw new TemplateRuntimeException("Single '{' encountered in format string");
            }

            var field = format[(i + 1)..close].Split(':')[0];
            object? value;
            if (field.Length == 0)
            {
                value = auto < args.Positional.Count ? args.Positional[auto++] : throw new TemplateRuntimeException("Replacement index out of range");
            }
            else if (int.TryParse(field, out var index))
            {
                value = index < args.Positional.Count ? args.Positional[index] : throw new TemplateRuntimeException("Replacement index out of range");
            }
            else
            {
                value = args.Named.FirstOrDefault(kv => kv.Key == field) is { Key: not null } kv
                    ? kv.Value
                    : throw new TemplateRuntimeException($"KeyError: '{field}'");
            }

            sb.Append(PyFormat.Str(value));
            i = close;
        }

        return sb.ToString();
    }

    private static string? OptionalString(object? value) => value switch
    {
        null => null,
        string s => s,
        _ when CallArgs.IsMissing(value) => null,
        _ => throw new TemplateRuntimeException($"expected a string argument, got {PyOps.TypeName(value)}"),
    };

    private static string RequireString(object? value) =>
        value as string ?? throw new TemplateRuntimeException($"expected a string argument, got {PyOps.TypeName(value)}");
}
