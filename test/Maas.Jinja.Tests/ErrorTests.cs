namespace Maas.Jinja.Tests;

/// <summary>Syntax errors carry the line; runtime errors carry raise_exception's message and the failing line.</summary>
public sealed class ErrorTests
{
    [Fact]
    public void Parse_UnclosedFor_ReportsOpeningLine()
    {
        var e = Assert.Throws<TemplateSyntaxException>(() => JinjaTemplate.Parse("line one\n{% for x in xs %}\n{{ x }}\n"));
        Assert.Equal(2, e.Line);
        Assert.Contains("endfor", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownTag_ReportsItsLine()
    {
        var e = Assert.Throws<TemplateSyntaxException>(() => JinjaTemplate.Parse("a\nb\n{% include 'x.html' %}"));
        Assert.Equal(3, e.Line);
        Assert.Contains("unknown tag 'include'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StrayEndTag_NamesTheBlockToClose()
    {
        var e = Assert.Throws<TemplateSyntaxException>(() => JinjaTemplate.Parse("{% if x %}\n{% endfor %}"));
        Assert.Equal(2, e.Line);
        Assert.Contains("'if'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ x y }}", 1)]
    [InlineData("\n{{ 'unterminated }}", 2)]
    [InlineData("{% if %}{% endif %}", 1)]
    [InlineData("\n\n{{ (1 + }}", 3)]
    [InlineData("{# never closed", 1)]
    [InlineData("{% break %}", 1)]
    [InlineData("{{ a ! b }}", 1)]
    [InlineData("{% set = 1 %}", 1)]
    [InlineData("{{ foo(a=1, 2) }}", 1)]
    public void Parse_BrokenTemplate_ThrowsSyntaxErrorWithLine(string template, int line)
    {
        var e = Assert.Throws<TemplateSyntaxException>(() => JinjaTemplate.Parse(template));
        Assert.Equal(line, e.Line);
    }

    [Fact]
    public void Render_RaiseException_SurfacesMessageVerbatim()
    {
        var e = Assert.Throws<TemplateRuntimeException>(() =>
            TestRender.Render("ok\n{{ raise_exception('Bad role: ' ~ messages[1].role) }}"));
        Assert.Equal("Bad role: user", e.Message);
        Assert.True(e.RaisedByTemplate);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Render_TypeError_IsRuntimeExceptionWithLine()
    {
        var e = Assert.Throws<TemplateRuntimeException>(() => TestRender.Render("\n\n{% for x in 5 %}{% endfor %}"));
        Assert.Equal(3, e.Line);
        Assert.False(e.RaisedByTemplate);
    }
}
