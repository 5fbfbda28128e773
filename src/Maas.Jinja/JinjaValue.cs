using System.Text.Json;
using System.Text.Json.Nodes;

namespace Maas.Jinja;

/// <summary>Turns JSON into the plain .NET values a template context holds.</summary>
public static class JinjaValue
{
    /// <summary>
    /// Converts JSON the way Python's <c>json.loads</c> would: objects become <see cref="Dictionary{TKey,TValue}"/>
    /// (key order kept, last duplicate wins), arrays <see cref="List{T}"/>, integers <see cref="long"/>, numbers with a
    /// fraction or exponent <see cref="double"/>, plus string, bool and null.
    /// </summary>
    public static object? FromJson(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new Dictionary<string, object?>();
                foreach (var property in element.EnumerateObject())
                {
                    map[property.Name] = FromJson(property.Value);
                }

                return map;
            case JsonValueKind.Array:
                var list = new List<object?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(FromJson(item));
                }

                return list;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                return raw.AsSpan().IndexOfAny(".eE") < 0 && element.TryGetInt64(out var whole)
                    ? (object)whole
                    : element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    /// <summary>Same as <see cref="FromJson(JsonElement)"/> for a mutable <see cref="JsonNode"/> (null node is JSON null).</summary>
    public static object? FromJson(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(node.ToJsonString());
        return FromJson(document.RootElement);
    }
}
