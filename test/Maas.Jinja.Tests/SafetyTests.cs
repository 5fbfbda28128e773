namespace Maas.Jinja.Tests;

/// <summary>A template is untrusted input: every failure is one of the two documented exceptions and nothing runs away.</summary>
public sealed class SafetyTests
{
    private static readonly JinjaOptions Tight = TestRender.Options with
    {
        MaxLoopIterations = 10_000,
        MaxOutputLength = 10_000,
        MaxCallDepth = 20,
        MaxWorkChars = 200_000,
    };

    [Fact]
    public void Render_NestedLoopsOverLimit_StopsWithRuntimeError()
    {
        var template = JinjaTemplate.Parse("{% for a in range(1000) %}{% for b in range(1000) %}{% endfor %}{% endfor %}");
        var e = Assert.Throws<TemplateRuntimeException>(() => template.Render(new Dictionary<string, object?>(), Tight));
        Assert.Contains("loop iterations", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_InfiniteMacroRecursion_StopsWithRuntimeError()
    {
        var template = JinjaTemplate.Parse("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}");
        var e = Assert.Throws<TemplateRuntimeException>(() => template.Render(new Dictionary<string, object?>(), Tight));
        Assert.Contains("recursion", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DefaultOptionsDeepRecursion_DoesNotOverflowTheStack()
    {
        var template = JinjaTemplate.Parse("{% macro f(n) %}{% if true %}{% for x in [1] %}{{ f(n + 1) }}{% endfor %}{% endif %}{% endmacro %}{{ f(0) }}");
        Assert.Throws<TemplateRuntimeException>(() => template.Render(new Dictionary<string, object?>()));
    }

    [Fact]
    public void Render_StringDoubling_StopsAtOutputLimit()
    {
        var template = JinjaTemplate.Parse("{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}");
        var e = Assert.Throws<TemplateRuntimeException>(() => template.Render(new Dictionary<string, object?>(), Tight));
        Assert.Contains("limit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_StringMultiplication_IsBounded()
    {
        var template = JinjaTemplate.Parse("{{ 'ab' * 1000000000 }}");
        Assert.Throws<TemplateRuntimeException>(() => template.Render(new Dictionary<string, object?>(), Tight));
    }

    [Fact]
    public void Render_HugeRange_IsRefusedLikeTheSandbox()
    {
        var e = Assert.Throws<TemplateRuntimeException>(() => TestRender.Render("{{ range(10000000)|length }}"));
        Assert.Contains("Range too big", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RebuildingLargeStringsWithoutOutput_HitsWorkBudget()
    {
        var template = JinjaTemplate.Parse(
            "{% set big = 'x' * 9000 %}{% for i in range(1000) %}{% set copy = big ~ 'y' %}{% endfor %}done");
        var e = Assert.Throws<TemplateRuntimeException>(() => template.Render(new Dictionary<string, object?>(), Tight));
        Assert.Contains("chars of strings", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeeplyNestedParentheses_IsSyntaxErrorNotCrash()
    {
        var source = "{{ " + new string('(', 5000) + "1" + new string(')', 5000) + " }}";
        Assert.Throws<TemplateSyntaxException>(() => JinjaTemplate.Parse(source));
    }

    [Fact]
    public void Parse_DeeplyNestedIfs_IsSyntaxErrorNotCrash()
    {
        var source = string.Concat(Enumerable.Repeat("{% if true %}", 3000)) + string.Concat(Enumerable.Repeat("{% endif %}", 3000));
        Assert.Throws<TemplateSyntaxException>(() => JinjaTemplate.Parse(source));
    }

    [Fact]
    public void Render_SelfReferencingContext_IsRuntimeError()
    {
        var loop = new List<object?>();
        loop.Add(loop);
        Assert.Throws<TemplateRuntimeException>(() =>
            JinjaTemplate.Parse("{{ x }}").Render(new Dictionary<string, object?> { ["x"] = loop }));
    }

    [Fact]
    public void ParseAndRender_FuzzedFragments_OnlyThrowDocumentedExceptions()
    {
        // Chop and splice pieces of a real template: every outcome is text, a syntax error or a runtime error.
        var pieces = TestRender.Template("qwen.jinja").Split(' ');
        var random = new Random(1234);
        var context = TestRender.Context(TestRender.SampleJson);
        for (var round = 0; round < 300; round++)
        {
            var count = random.Next(1, 25);
            var start = random.Next(pieces.Length);
            var source = string.Join(random.Next(3) == 0 ? "" : " ", Enumerable.Range(0, count).Select(i => pieces[(start + (i * random.Next(1, 4))) % pieces.Length]));
            try
            {
                JinjaTemplate.Parse(source).Render(context, Tight);
            }
            catch (TemplateSyntaxException)
            {
            }
            catch (TemplateRuntimeException)
            {
            }
        }
    }

    [Theory]
    [InlineData("{{ {none: 1} }}")]
    [InlineData("{{ {[1]: 1} }}")]
    [InlineData("{{ xs[1.5] }}|{{ xs['a'] }}")]
    [InlineData("{{ 2 ** 200 }}")]
    [InlineData("{{ '%d' % 'a' }}")]
    [InlineData("{{ '{}'.format() }}")]
    [InlineData("{{ xs[::0] }}")]
    [InlineData("{{ 9223372036854775807 + 1 }}")]
    [InlineData("{{ 'a' is divisibleby 0 }}")]
    [InlineData("{{ 1 is divisibleby 0 }}")]
    [InlineData("{{ messages|dictsort }}")]
    [InlineData("{{ loop.index }}")]
    [InlineData("{{ caller() }}")]
    [InlineData("{% for a, b in xs %}{% endfor %}")]
    [InlineData("{{ ''.split('') }}")]
    [InlineData("{{ 'x'|indent(width=none) }}{{ 'x'|truncate(1) }}")]
    public void Render_HostileExpressions_OnlyThrowDocumentedExceptions(string template)
    {
        try
        {
            TestRender.Render(template);
        }
        catch (TemplateRuntimeException)
        {
        }
        catch (TemplateSyntaxException)
        {
        }
    }
}
