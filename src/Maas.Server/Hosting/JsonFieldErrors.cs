using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Maas.Errors;

namespace Maas.Server.Hosting;

/// <summary>
/// Rewrites System.Text.Json's "could not be converted to System.Nullable`1[System.Single]" as "'temperature' must be
/// a number": the JSON path becomes the field name and the contract's property type a plain word.
/// </summary>
internal static class JsonFieldErrors
{
    public static MaasException Describe(JsonException error, JsonTypeInfo root, string expected)
    {
        var field = error.Path is { Length: > 1 } path && path.StartsWith('$') ? path[1..].TrimStart('.') : "";
        if (field.Length == 0)
        {
            return MaasException.InvalidInput($"the request body must be {expected}");
        }

        var word = TypeAt(root, field) is { } type ? Word(type) : "another type of value";
        return new MaasException(ErrorKind.InvalidInput, $"'{field}' must be {word}") { Param = field };
    }

    /// <summary>Follows "messages[0].content" through the contract; null when a step is not a known property.</summary>
    private static Type? TypeAt(JsonTypeInfo root, string field)
    {
        try
        {
            var info = root;
            foreach (var step in Steps(field))
            {
                Type? next;
                if (step is null)
                {
                    next = info.ElementType;
                }
                else
                {
                    next = info.Properties.FirstOrDefault(p => p.Name == step)?.PropertyType;
                }

                if (next is null)
                {
                    return null;
                }

                info = root.Options.GetTypeInfo(next);
            }

            return info.Type;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Property names, with null for each array index: "a[0].b" is a, null, b.</summary>
    private static IEnumerable<string?> Steps(string field)
    {
        foreach (var part in field.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? part : part[..bracket];
            if (name.Length > 0)
            {
                yield return name;
            }

            for (var i = bracket; i >= 0; i = part.IndexOf('[', i + 1))
            {
                yield return null;
            }
        }
    }

    private static string Word(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(bool))
        {
            return "a boolean (true or false)";
        }

        if (type == typeof(float) || type == typeof(double) || type == typeof(decimal) || type == typeof(Half))
        {
            return "a number";
        }

        if (type.IsPrimitive || type.IsEnum)
        {
            return "an integer";
        }

        return typeof(IEnumerable).IsAssignableFrom(type) ? "an array" : "an object";
    }
}
