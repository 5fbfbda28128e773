namespace Maas.Jinja.Runtime;

/// <summary>Evaluated call arguments, bound to parameter names Python-style by <see cref="Bind"/>.</summary>
internal sealed class CallArgs(IReadOnlyList<object?> positional, IReadOnlyList<KeyValuePair<string, object?>> named)
{
    /// <summary>Marks a parameter the caller did not pass.</summary>
    public static readonly object Missing = new();

    public static CallArgs Empty { get; } = new([], []);

    public IReadOnlyList<object?> Positional { get; } = positional;

    public IReadOnlyList<KeyValuePair<string, object?>> Named { get; } = named;

    /// <summary>
    /// Maps arguments onto <paramref name="names"/>; unpassed ones are <see cref="Missing"/>. Too many positionals or an
    /// unknown keyword raise like Python's TypeError.
    /// </summary>
    public object?[] Bind(string callee, params string[] names)
    {
        if (Positional.Count > names.Length)
        {
            throw new TemplateRuntimeException(
                $"{callee}() takes at most {names.Length} argument(s) ({Positional.Count} given)");
        }

        var bound = new object?[names.Length];
        Array.Fill(bound, Missing);
        for (var i = 0; i < Positional.Count; i++)
        {
            bound[i] = Positional[i];
        }

        foreach (var (key, value) in Named)
        {
            var index = Array.IndexOf(names, key);
            if (index < 0)
            {
                throw new TemplateRuntimeException($"{callee}() got an unexpected keyword argument '{key}'");
            }

            if (!ReferenceEquals(bound[index], Missing))
            {
                throw new TemplateRuntimeException($"{callee}() got multiple values for argument '{key}'");
            }

            bound[index] = value;
        }

        return bound;
    }

    /// <summary>Prepends a value (the filter's input) to the positional arguments.</summary>
    public CallArgs Prepend(object? value) => new([value, .. Positional], Named);

    public static bool IsMissing(object? value) => ReferenceEquals(value, Missing);

    public static object? Or(object? value, object? fallback) => IsMissing(value) ? fallback : value;
}
