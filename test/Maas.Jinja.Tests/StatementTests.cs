namespace Maas.Jinja.Tests;

/// <summary>if/for/set/macro/call/filter/generation, scoping and globals. Expectations checked against jinja2 3.1.</summary>
public sealed class StatementTests
{
    [Theory]
    [InlineData("{% set ns = namespace(found=false, count=0) %}{% for m in messages %}{% if m.role == 'user' %}{% set ns.found = true %}{% endif %}{% set ns.count = ns.count + 1 %}{% endfor %}{{ ns.found }} {{ ns.count }}", "True 3")]
    // A plain set inside a loop does not leak out of the loop...
    [InlineData("{% set x = 1 %}{% for i in xs %}{% set x = i %}{% endfor %}{{ x }}", "1")]
    // ...nor into the next iteration.
    [InlineData("{% for i in [1, 2] %}{% if i == 1 %}{% set x = 'a' %}{% endif %}[{{ x }}]{% endfor %}", "[a][]")]
    [InlineData("{% for i in xs %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}|{% endfor %}", "1032TrueFalse3|2121FalseFalse3|3210FalseTrue3|")]
    [InlineData("{% for i in xs %}{{ loop.previtem }}-{{ loop.nextitem }}-{{ loop.cycle('a', 'b') }};{% endfor %}", "-1-a;3-2-b;1--a;")]
    // The inline filter runs first, so loop.last refers to the last kept item.
    [InlineData("{% for i in xs if i > 1 %}{{ i }}{{ loop.last }}{% else %}none{% endfor %}|{% for i in empty %}x{% else %}empty{% endfor %}", "3False2True|empty")]
    [InlineData("{% for i in range(10) %}{% if i == 2 %}{% continue %}{% endif %}{% if i == 5 %}{% break %}{% endif %}{{ i }}{% endfor %}", "0134")]
    [InlineData("{% for a, b in [(1, 2), (3, 4)] %}{{ a + b }}{% endfor %} {% set p, q = 'xy' %}{{ q }}{{ p }} {% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}", "37 yx b=1;a=2;")]
    [InlineData("{% for c in 'ab' %}{{ c }}.{% endfor %} {% for k in d %}{{ k }}{% endfor %} {% for x in undefined_list %}x{% endfor %}", "a.b. ba ")]
    [InlineData("{% macro greet(name, punct='!') %}Hi {{ name }}{{ punct }}{% endmacro %}{{ greet('A') }} {{ greet('B', '?') }} {{ greet(name='C', punct='.') }} {{ greet() }}", "Hi A! Hi B? Hi C. Hi !")]
    [InlineData("{% macro f(n) %}{% if n > 0 %}{{ n }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(5) }}", "54321")]
    [InlineData("{% macro wrap(tag) %}<{{ tag }}>{{ caller() }}</{{ tag }}>{% endmacro %}{% call wrap('b') %}bold {{ 1 }}{% endcall %}", "<b>bold 1</b>")]
    [InlineData("{% set block %}\n  inner {{ 1 }}\n{% endset %}[{{ block }}]", "[  inner 1\n]")]
    [InlineData("{% set shout | upper %}quiet{% endset %}{{ shout }}", "QUIET")]
    [InlineData("{% filter upper %}abc {{ 'def' }}{% endfilter %}|{% filter trim|title %}  two words  {% endfilter %}", "ABC DEF|Two Words")]
    [InlineData("{% generation %}gen {{ 1 }}{% endgeneration %}", "gen 1")]
    [InlineData("{% if false %}a{% elif n is none %}b{% else %}c{% endif %}{% if xs %}d{% endif %}{% if empty %}e{% endif %}", "bd")]
    [InlineData("{% for item in [{'name': 'a', 'children': [{'name': 'b', 'children': []}]}] recursive %}{{ item.name }}{{ loop.depth }}({{ loop(item.children) }}){% endfor %}", "a1(b2())")]
    [InlineData("{% set a, b = 1, 2 %}{{ a }}{{ b }} {% set t = 1, 2 %}{{ t }}", "12 (1, 2)")]
    [InlineData("{{ range(3)|list }} {{ range(1, 10, 3)|list }} {{ range(5, 0, -2)|list }} {{ dict(a=1, b=2) }} {{ namespace(a=1).a }}", "[0, 1, 2] [1, 4, 7] [5, 3, 1] {'a': 1, 'b': 2} 1")]
    [InlineData("{{ strftime_now('%d %b %Y') }} {{ strftime_now('%Y-%m-%d %H:%M:%S %B %A %-d') }}", "26 Jul 2024 2024-07-26 13:05:09 July Friday 26")]
    public void Render_Statement_MatchesJinja2(string template, string expected)
    {
        Assert.Equal(expected, TestRender.Render(template));
    }

    [Fact]
    public void Render_SetAttributeOnNonNamespace_Raises()
    {
        var e = Assert.Throws<TemplateRuntimeException>(() => TestRender.Render("{% set d.x = 1 %}"));
        Assert.Contains("non-namespace", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TopLevelSetOfContextVariable_ShadowsIt()
    {
        // Llama-3.1 style: drop the system message by rebinding `messages`.
        Assert.Equal("2", TestRender.Render("{% set messages = messages[1:] %}{{ messages|length }}"));
    }

    [Fact]
    public void Render_SameTemplateTwice_DoesNotShareState()
    {
        var template = JinjaTemplate.Parse("{% set ns = namespace(n=0) %}{% for m in messages %}{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.n }}");
        var context = TestRender.Context(TestRender.SampleJson);
        Assert.Equal("3", template.Render(context));
        Assert.Equal("3", template.Render(context));
    }
}
