using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Maas.Jinja.Runtime;

/// <summary>Turns the caller's plain .NET / JSON context values into the runtime's Python-like values.</summary>
internal static class ValueConverter
{
    // Also stops reference cycles in caller-built dictionaries.
    private const int MaxDepth = 128;

    public static object? ToRuntime(object? value, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new TemplateRuntimeException($"context value is nested deeper than {MaxDepth} levels");
        }

        switch (value)
        {
            case null or string or bool or long or double:
                return value;
            case int or short or sbyte or byte or ushort or uint:
                return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
            case ulong u:
                return u <= long.MaxValue ? (object)(long)u : (double)u;
            case float f:
                return (double)f;
            case decimal m:
                return decimal.IsInteger(m) && m >= long.MinValue && m <= long.MaxValue ? (object)(long)m : (double)m;
            case char c:
                return c.ToString();
            case Enum e:
                return e.ToString();
            case JsonElement element:
                return ToRuntime(JinjaValue.FromJson(element), depth);
            case JsonNode node:
                return ToRuntime(JinjaValue.FromJson(node), depth);
            case PyDict or PyTuple or Namespace or Undefined or ICallable:
                return value;
            case IDictionary dictionary:
                var fromDictionary = new PyDict();
                foreach (DictionaryEntry entry in dictionary)
                {
                    fromDictionary[ToKey(entry.Key)] = ToRuntime(entry.Value, depth + 1);
                }

                return fromDictionary;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                var fromPairs = new PyDict();
                foreach (var (k, v) in pairs)
                {
                    fromPairs[k] = ToRuntime(v, depth + 1);
                }

                return fromPairs;
            case IEnumerable sequence:
                var list = new List<object?>();
                foreach (var item in sequence)
                {
                    list.Add(ToRuntime(item, depth + 1));
                }

                return list;
            default:
                throw new TemplateRuntimeException($"context values of type {value.GetType().Name} are not supported");
        }
    }

    private static object ToKey(object key) => ToRuntime(key) switch
    {
        null => throw new TemplateRuntimeException("dictionary keys must not be null"),
        var k when PyOps.IsHashable(k) => k,
        _ => throw new TemplateRuntimeException("dictionary keys must be strings or numbers"),
    };
}
