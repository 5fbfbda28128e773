using System.Text.Json;
using Maas.Testing;

namespace Maas.Tokenizers.Tests.Fixtures;

/// <summary>Reads the shared fixtures' expected.json and their tokenizers.</summary>
internal static class Expected
{
    public static JsonElement Load(string model)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SharedModels.PathOf(model, "expected.json")));
        return document.RootElement.Clone();
    }

    public static HfTokenizer Tokenizer(string model) => HfTokenizer.Load(SharedModels.PathOf(model, "tokenizer.json"));

    public static int[] Ints(this JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    public static string[] Strings(this JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    public static (int, int)[] Offsets(this JsonElement array) =>
        [.. array.EnumerateArray().Select(e => (e[0].GetInt32(), e[1].GetInt32()))];
}
