namespace Maas.Jinja.Runtime;

/// <summary>The functions every chat template can call: range, dict, namespace, raise_exception, strftime_now.</summary>
internal static class Globals
{
    // jinja2's sandbox refuses bigger ranges (MAX_RANGE).
    private const long MaxRange = 100_000;

    public static void Register(Dictionary<string, object?> vars)
    {
        vars["range"] = new BuiltinFunction("range", (_, args) => Range(args));
        vars["dict"] = new BuiltinFunction("dict", (_, args) => Dict(args));
        vars["namespace"] = new BuiltinFunction("namespace", (_, args) => CreateNamespace(args));
        vars["raise_exception"] = new BuiltinFunction("raise_exception", (_, args) =>
            throw new TemplateRuntimeException(
                PyFormat.Str(args.Positional.Count > 0 ? args.Positional[0] : ""), line: null, raisedByTemplate: true));
        vars["strftime_now"] = new BuiltinFunction("strftime_now", (renderer, args) =>
        {
            var format = args.Bind("strftime_now", "format")[0] as string
                         ?? throw new TemplateRuntimeException("strftime_now() needs a format string");
            return Strftime.Format(renderer.Options.TimeProvider.GetLocalNow(), format);
        });
    }

    private static List<object?> Range(CallArgs args)
    {
        var numbers = args.Positional.Select(IntArg).ToArray();
        if (numbers.Length is 0 or > 3 || args.Named.Count > 0)
        {
            throw new TemplateRuntimeException("range() takes 1 to 3 integer arguments");
        }

        var (start, stop, step) = numbers.Length switch
        {
            1 => (0L, numbers[0], 1L),
            2 => (numbers[0], numbers[1], 1L),
            _ => (numbers[0], numbers[1], numbers[2]),
        };
        if (step == 0)
        {
            throw new TemplateRuntimeException("range() arg 3 must not be zero");
        }

        var count = step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step;
        if (count > MaxRange)
        {
            throw new TemplateRuntimeException($"Range too big. The sandbox blocks ranges larger than MAX_RANGE ({MaxRange}).");
        }

        var result = new List<object?>((int)Math.Max(0, count));
        for (var i = 0L; i < count; i++)
        {
            result.Add(start + (i * step));
        }

        return result;
    }

    private static long IntArg(object? value) => value switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        _ => throw new TemplateRuntimeException($"'{PyOps.TypeName(value)}' object cannot be interpreted as an integer"),
    };

    private static PyDict Dict(CallArgs args)
    {
        var dict = new PyDict();
        foreach (var source in args.Positional)
        {
            if (source is not PyDict from)
            {
                throw new TemplateRuntimeException("dict() positional argument must be a mapping");
            }

            foreach (var (k, v) in from)
            {
                dict[k] = v;
            }
        }

        foreach (var (k, v) in args.Named)
        {
            dict[k] = v;
        }

        return dict;
    }

    private static Namespace CreateNamespace(CallArgs args)
    {
        var ns = new Namespace();
        foreach (var (k, v) in Dict(args))
        {
            ns.Attributes[PyFormat.Str(k)] = v;
        }

        return ns;
    }
}
