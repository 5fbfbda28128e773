using System.Text.Json;
using Maas.Errors;
using Maas.Server.Api.Tensors;

namespace Maas.Server.Api.V2;

/// <summary>KServe parameters objects: names to strings, integers, doubles or booleans.</summary>
internal static class V2Parameters
{
    /// <summary>Reads a parameters object: values are strings, integers, doubles or booleans, nothing nested.</summary>
    public static Dictionary<string, object>? Read(JsonElement owner, string property)
    {
        if (!owner.TryGetProperty(property, out var parameters) || parameters.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (parameters.ValueKind != JsonValueKind.Object)
        {
            throw MaasException.InvalidInput($"'{property}' must be an object of names to strings, numbers or booleans");
        }

        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var parameter in parameters.EnumerateObject())
        {
            result[parameter.Name] = parameter.Value.ValueKind switch
            {
                JsonValueKind.String => parameter.Value.GetString()!,
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number when parameter.Value.TryGetInt64(out var l) => l,
                JsonValueKind.Number => parameter.Value.GetDouble(),
                _ => throw MaasException.InvalidInput(
                    $"parameter '{parameter.Name}' must be a string, number or boolean, not {JsonTensorReader.Kind(parameter.Value)}"),
            };
        }

        return result;
    }
}
