using System.Globalization;
using System.Text.Json;
using Maas.Errors;

namespace Maas.Runtime.Manifests;

/// <summary>Label names by class index from <c>labels</c> (an array of names) or <c>id2label</c>/<c>labels</c> (index → name).</summary>
internal static class LabelReader
{
    public static string[]? Read(JsonElement? root, string file)
    {
        if (root is not { ValueKind: JsonValueKind.Object } r)
        {
            return null;
        }

        if (r.TryGetProperty("labels", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            return list.EnumerateArray().Select((l, i) => l.ValueKind == JsonValueKind.String
                ? l.GetString()!
                : throw MaasException.InvalidModel($"{file}: labels[{i}] must be a string")).ToArray();
        }

        var map = r.TryGetProperty("id2label", out var id2Label) ? id2Label
            : r.TryGetProperty("labels", out var labels) ? labels
            : default;
        if (map.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var byIndex = new SortedDictionary<int, string>();
        foreach (var property in map.EnumerateObject())
        {
            if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || property.Value.ValueKind != JsonValueKind.String || index >= 1 << 20)
            {
                throw MaasException.InvalidModel($"{file}: id2label must map class indices (\"0\", \"1\", ...) to names");
            }

            byIndex[index] = property.Value.GetString()!;
        }

        var result = new string[byIndex.Count == 0 ? 0 : byIndex.Keys.Max() + 1];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = byIndex.TryGetValue(i, out var name) ? name : $"LABEL_{i}";
        }

        return result;
    }
}
