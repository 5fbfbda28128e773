using System.Text.Json;
using System.Text.Json.Nodes;

namespace Maas.Jinja.Tests;

public sealed class JinjaValueTests
{
    [Fact]
    public void FromJson_MixedDocument_GivesPlainValuesLikeJsonLoads()
    {
        using var document = JsonDocument.Parse("""{"b": 1, "a": [1.0, 2.5e0, "s", true, null, {"x": {}}], "big": 1e400}""");
        var value = Assert.IsType<Dictionary<string, object?>>(JinjaValue.FromJson(document.RootElement));

        Assert.Equal(["b", "a", "big"], value.Keys);
        Assert.Equal(1L, value["b"]);
        var list = Assert.IsType<List<object?>>(value["a"]);
        Assert.Equal(1.0, list[0]);
        Assert.IsType<double>(list[0]);
        Assert.Equal(2.5, list[1]);
        Assert.Equal("s", list[2]);
        Assert.Equal(true, list[3]);
        Assert.Null(list[4]);
        Assert.IsType<Dictionary<string, object?>>(list[5]);
    }

    [Fact]
    public void Render_JsonNodeAndElementContext_BehaveLikePlainValues()
    {
        var node = JsonNode.Parse("""[{"role": "user", "content": "hi"}]""");
        using var document = JsonDocument.Parse("""{"n": 2, "f": 2.0}""");
        var context = new Dictionary<string, object?> { ["messages"] = node, ["cfg"] = document.RootElement.Clone() };
        var output = JinjaTemplate.Parse("{{ messages[0].content }} {{ cfg.n }} {{ cfg.f }} {{ cfg|tojson }}").Render(context);
        Assert.Equal("hi 2 2.0 {\"n\": 2, \"f\": 2.0}", output);
    }

    [Fact]
    public void Render_DotNetValues_PrintLikePython()
    {
        var context = new Dictionary<string, object?>
        {
            ["i"] = 3,
            ["d"] = 0.5f,
            ["b"] = false,
            ["list"] = new[] { "a", "b" },
            ["map"] = new Dictionary<string, int> { ["k"] = 1 },
        };
        Assert.Equal("3 0.5 False ['a', 'b'] {'k': 1}", JinjaTemplate.Parse("{{ i }} {{ d }} {{ b }} {{ list }} {{ map }}").Render(context));
    }
}
