namespace Maas.Jinja.Runtime;

/// <summary>Python arithmetic: int stays int (overflow is an error, not a wrap), / is always float, // and % floor.</summary>
internal static class PyArith
{
    public static object? Binary(string op, object? a, object? b, RenderLimits limits)
    {
        if (a is Undefined ua)
        {
            throw ua.Error();
        }

        if (b is Undefined ub)
        {
            throw ub.Error();
        }

        if (PyOps.IsNumber(a) && PyOps.IsNumber(b))
        {
            return a is double || b is double || op == "/"
                ? Floats(op, PyOps.ToDouble(a), PyOps.ToDouble(b))
                : Ints(op, AsLong(a), AsLong(b));
        }

        return op switch
        {
            "+" => Concat(a, b, limits),
            "*" when a is long or bool && b is string or IReadOnlyList<object?> => Repeat(b, AsLong(a), limits),
            "*" when b is long or bool && a is string or IReadOnlyList<object?> => Repeat(a, AsLong(b), limits),
            "%" when a is string format => limits.Produced(PrintfFormat.Format(format, b)),
            _ => throw Unsupported(op, a, b),
        };
    }

    public static object? Negate(object? value, bool minus) => value switch
    {
        long l => minus ? (object)checked(-l) : l,
        double d => minus ? -d : d,
        bool b => (object)(minus ? -(b ? 1L : 0L) : (b ? 1L : 0L)),
        Undefined u => throw u.Error(),
        _ => throw new TemplateRuntimeException($"bad operand type for unary {(minus ? "-" : "+")}: '{PyOps.TypeName(value)}'"),
    };

    private static long AsLong(object? value) => value is bool b ? (b ? 1 : 0) : (long)value!;

    private static object Ints(string op, long a, long b)
    {
        try
        {
            return op switch
            {
                "+" => (object)checked(a + b),
                "-" => checked(a - b),
                "*" => checked(a * b),
                "//" => b == 0 ? throw DivideByZero() : FloorDiv(a, b),
                "%" => b == 0 ? throw DivideByZero() : FloorMod(a, b),
                "**" => b < 0 ? (object)Math.Pow(a, b) : Power(a, b),
                _ => throw new TemplateRuntimeException($"unknown operator {op}"),
            };
        }
        catch (OverflowException)
        {
            throw new TemplateRuntimeException("integer overflow in template arithmetic");
        }
    }

    private static double Floats(string op, double a, double b) => op switch
    {
        "+" => a + b,
        "-" => a - b,
        "*" => a * b,
        "/" => b == 0 ? throw DivideByZero() : a / b,
        "//" => b == 0 ? throw DivideByZero() : Math.Floor(a / b),
        "%" => b == 0 ? throw DivideByZero() : FloorMod(a, b),
        "**" => Math.Pow(a, b),
        _ => throw new TemplateRuntimeException($"unknown operator {op}"),
    };

    private static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q;
    }

    private static long FloorMod(long a, long b)
    {
        var r = a % b;
        return r != 0 && ((r < 0) != (b < 0)) ? r + b : r;
    }

    private static double FloorMod(double a, double b)
    {
        var r = a % b;
        return r != 0 && ((r < 0) != (b < 0)) ? r + b : r;
    }

    private static long Power(long a, long exponent)
    {
        var result = 1L;
        while (exponent > 0)
        {
            if ((exponent & 1) == 1)
            {
                result = checked(result * a);
            }

            exponent >>= 1;
            if (exponent > 0)
            {
                a = checked(a * a);
            }
        }

        return result;
    }

    private static object Concat(object? a, object? b, RenderLimits limits)
    {
        switch (a)
        {
            case string s when b is string t:
                limits.Produce((long)s.Length + t.Length);
                return s + t;
            case PyTuple t when b is PyTuple u:
                return new PyTuple([.. t.Items, .. u.Items]);
            case List<object?> l when b is List<object?> m:
                limits.Produce(l.Count + m.Count);
                return new List<object?>([.. l, .. m]);
            default:
                throw Unsupported("+", a, b);
        }
    }

    private static object Repeat(object? value, long times, RenderLimits limits)
    {
        times = Math.Max(0, times);
        if (PyOps.Length(value) == 0)
        {
            times = 0;
        }

        switch (value)
        {
            case string s:
                limits.Produce(s.Length * Math.Min(times, int.MaxValue));
                return string.Concat(Enumerable.Repeat(s, (int)times));
            case IReadOnlyList<object?> list:
                limits.Produce(list.Count * Math.Min(times, int.MaxValue));
                var items = Enumerable.Range(0, (int)times).SelectMany(_ => list).ToList();
                return value is PyTuple ? new PyTuple(items) : items;
            default:
                throw Unsupported("*", value, times);
        }
    }

    private static TemplateRuntimeException DivideByZero() => new("division by zero");

    private static TemplateRuntimeException Unsupported(string op, object? a, object? b) =>
        new($"unsupported operand type(s) for {op}: '{PyOps.TypeName(a)}' and '{PyOps.TypeName(b)}'");
}
