namespace Maas.Jinja.Tests;

/// <summary>
/// trim_blocks + lstrip_blocks as transformers configures jinja2. Expected strings were checked against Python jinja2 3.1.
/// </summary>
public sealed class WhitespaceTests
{
    [Theory]
    // lstrip removes the indentation before {% %}, trim removes the newline after it: only "  x\n" survives.
    [InlineData("  {% if true %}\n  x\n  {% endif %}\ny", "  x\ny")]
    // '-' eats every whitespace char on its side, newlines included.
    [InlineData("{%- if true -%}\n  a\n{%- endif %}\nb", "ab")]
    // Comments take part in lstrip/trim like blocks; the inline one keeps the spaces around it.
    [InlineData("a  {# comment #}  b\n  {# own line #}\nc", "a    b\nc")]
    [InlineData("{% raw %}{{ x }}{% endraw %}", "{{ x }}")]
    // The raw opener does not trim its newline; the closer does.
    [InlineData("{% raw %}\n {{ kept }}\n{% endraw %}\nafter", "\n {{ kept }}\nafter")]
    // '+' on the left disables lstrip, on the right disables trim.
    [InlineData("  {%+ if true %}k{% endif %}", "  k")]
    [InlineData("{% if true +%}\nk\n{% endif %}", "\nk\n")]
    // {{ }} is never lstripped or trimmed: the newline after 'a' stays, the indent before {% goes.
    [InlineData("{{ 'a' }}\n  {% if true %}b{% endif %}", "a\nb")]
    [InlineData("x {{- ' y ' -}} z", "x y z")]
    [InlineData("{{ 'v' }}\n{{ 'w' }}", "v\nw")]
    // lstrip only applies at a line start: the first {% follows text on its line, the second starts a line
    // (the previous %} trimmed the newline, so jinja2 counts the next text as a line start).
    [InlineData(" {{ 'v' }} {% if true %}x{% endif %}\n {% if true %}y{% endif %}", " v xy")]
    [InlineData("\t{% if true %}\n\ttab\n\t{% endif %}", "\ttab\n")]
    [InlineData("  {#- strip left #}  z", "  z")]
    [InlineData("{% if true -%}\n\n   trimmed\n{%- endif %}", "trimmed")]
    [InlineData("line1\nline2", "line1\nline2")]
    // Only one newline is trimmed after a block; one trailing newline of the template is dropped.
    [InlineData("a{% if true %}\n\nb{% endif %}\n", "a\nb")]
    // \r\n in the source becomes \n, as jinja2 normalises newlines.
    [InlineData("a\r\n{% if true %}\r\nb{% endif %}", "a\nb")]
    public void Render_WhitespaceControl_MatchesJinja2(string template, string expected)
    {
        Assert.Equal(expected, TestRender.Render(template));
    }
}
