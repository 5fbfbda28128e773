using System.Text.Json;
using System.Text.RegularExpressions;

namespace Maas.Tokenizers.Loading;

/// <summary>Reads HF's <c>{"String": "..."}</c> / <c>{"Regex": "..."}</c> pattern objects as .NET regexes.</summary>
internal static class PatternReader
{
    public static Regex Read(JsonElement owner, string component)
    {
        var pattern = owner.Get("pattern") ?? throw new TokenizerLoadException($"{component} without a \"pattern\"");
        if (pattern.GetString("String") is { } literal)
        {
            return new Regex(Regex.Escape(literal), RegexOptions.CultureInvariant);
        }

        if (pattern.GetString("Regex") is { } regex)
        {
            try
            {
                // The Rust library uses Oniguruma; the split patterns in the wild (GPT-2, Llama-3, Qwen2) use
                // \p{L}, \p{N}, (?i:...) and (?!\S), which mean the same in .NET.
                return new Regex(regex, RegexOptions.CultureInvariant | RegexOptions.Compiled);
            }
            catch (ArgumentException e)
            {
                throw new TokenizerLoadException($"{component} regex '{regex}' is not supported by .NET Regex: {e.Message}", e);
            }
        }

        throw new TokenizerLoadException($"{component} pattern must be {{\"String\": ...}} or {{\"Regex\": ...}}");
    }
}
