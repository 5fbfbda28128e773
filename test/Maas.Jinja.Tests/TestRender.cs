using System.Text.Json;

namespace Maas.Jinja.Tests;

/// <summary>Renders with a fixed clock (26 Jul 2024 13:05:09 UTC) and a JSON-described context.</summary>
internal static class TestRender
{
    public static readonly DateTimeOffset Now = new(2024, 7, 26, 13, 5, 9, TimeSpan.Zero);

    public static JinjaOptions Options { get; } = new() { TimeProvider = new FixedClock(Now) };

    /// <summary>A context most unit tests share.</summary>
    public const string SampleJson = """
        {
          "messages": [
            {"role": "system", "content": "Be nice."},
            {"role": "user", "content": "hi  "},
            {"role": "assistant", "content": " hello"}
          ],
          "xs": [3, 1, 2],
          "d": {"b": 1, "a": 2},
          "s": "Hello World",
          "empty": [],
          "n": null,
          "f": 1.5
        }
        """;

    public static string Render(string template, string json = SampleJson) =>
        JinjaTemplate.Parse(template).Render(Context(json), Options);

    public static Dictionary<string, object?> Context(string json)
    {
        using var document = JsonDocument.Parse(json);
        return (Dictionary<string, object?>)JinjaValue.FromJson(document.RootElement)!;
    }

    public static string Template(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Templates", name));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
