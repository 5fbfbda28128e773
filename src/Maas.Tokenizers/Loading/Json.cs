using System.Globalization;
using System.Text.Json;

namespace Maas.Tokenizers.Loading;

/// <summary>Lenient readers for tokenizer.json fields: absent and null mean "use the default".</summary>
internal static class Json
{
    public static JsonElement? Get(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static string? GetString(this JsonElement element, string name) =>
        element.Get(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static bool GetBool(this JsonElement element, string name, bool fallback) =>
        element.Get(name) is { } value && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : fallback;

    public static bool? GetBoolOrNull(this JsonElement element, string name) =>
        element.Get(name) is { } value && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    public static int? GetInt(this JsonElement element, string name) =>
        element.Get(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var i) ? i : null;

    public static double? GetDouble(this JsonElement element, string name) =>
        element.Get(name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    /// <summary>The component's <c>type</c> discriminator.</summary>
    public static string TypeName(this JsonElement element, string component) =>
        element.GetString("type") ?? throw new TokenizerLoadException($"{component} without a \"type\" field");

    /// <summary>A single-char setting such as Metaspace's <c>replacement</c>.</summary>
    public static string GetChar(this JsonElement element, string name, string fallback) =>
        element.GetString(name) is { Length: > 0 } s ? s : fallback;

    public static string Invariant(this int value) => value.ToString(CultureInfo.InvariantCulture);
}
