namespace Maas.Jinja.Tests;

/// <summary>Operators, precedence, literals, access and Python-style printing. Expectations checked against jinja2 3.1.</summary>
public sealed class ExpressionTests
{
    [Theory]
    [InlineData("{{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }} {{ 2 ** 3 ** 2 }} {{ 7 / 2 }} {{ 7 // 2 }} {{ 7 % 3 }} {{ -7 // 2 }} {{ -7 % 3 }} {{ 1.5 * 2 }}", "7 9 64 3.5 3 1 -4 2 3.0")]
    [InlineData("{{ 'a' ~ 1 ~ none ~ true }} {{ 'x' + 'y' }} {{ 'ab' * 2 }} {{ [1] + [2] }}", "a1NoneTrue xy abab [1, 2]")]
    [InlineData("{{ 1 < 2 < 3 }} {{ 3 > 2 > 2 }} {{ 1 == 1.0 }} {{ true == 1 }} {{ [1] == [1] }} {{ 'a' != 'b' }}", "True False True True True True")]
    [InlineData("{{ 'a' in 'abc' }} {{ 2 not in xs }} {{ 'a' in d }} {{ not 1 == 2 }} {{ 'system' in messages|map(attribute='role') }}", "True False True True True")]
    [InlineData("{{ 'x' if false }}|{{ 'y' if true else 'z' }}|{{ none or 'q' }}|{{ 0 and 1 }}|{{ [] or 'e' }}|{{ 1 and 'both' }}", "|y|q|0|e|both")]
    [InlineData("{{ xs[0] }} {{ xs[-1] }} {{ xs[1:] }} {{ xs[:-1] }} {{ xs[::-1] }} {{ s[1:4] }} {{ s[::2] }} {{ xs[5:] }} {{ xs[-10:2] }} {{ s[-5:] }}", "3 2 [1, 2] [3, 1] [2, 1, 3] ell HloWrd [] [3, 1] World")]
    [InlineData("{{ messages[0]['role'] }} {{ messages[0].role }} {{ messages.1.role }} {{ messages[-1].content }}", "system system user  hello")]
    // Filters and tests bind tighter than binary operators: 1 + (2 is number) = 1 + True = 2; unary minus binds
    // tighter than ** in jinja2 (unlike Python): (-2) ** 2 = 4.
    [InlineData("{{ 1 + 2 is number }} {{ -1|abs }} {{ 10 - 3 - 2 }} {{ 2 * -3 }} {{ -2 ** 2 }} {{ not true or true }}", "2 1 5 -6 4 True")]
    [InlineData("{{ \"it's\" }} {{ 'tab\\there' }} {{ \"quote\\\"s\" }} {{ 'uni\\u00e9' }} {{ 'a' 'b' }}", "it's tab\there quote\"s unié ab")]
    [InlineData("{{ 1_000 }} {{ 1.5e3 }} {{ 2.0 }} {{ 0.1 + 0.2 }} {{ 1e20 }} {{ 1e-5 }} {{ 1/3 }} {{ 1e16 }} {{ 1e15 }} {{ 0.0001 }}", "1000 1500.0 2.0 0.30000000000000004 1e+20 1e-05 0.3333333333333333 1e+16 1000000000000000.0 0.0001")]
    [InlineData("{{ [1, 'a', none, true, 1.5] }} {{ {'a': 1, 'b': [2]} }} {{ (1,) }} {{ (1, 2) }} {{ () }} {{ [\"it's\", 'say \"hi\"', 'nl\\n'] }}", "[1, 'a', None, True, 1.5] {'a': 1, 'b': [2]} (1,) (1, 2) () [\"it's\", 'say \"hi\"', 'nl\\n']")]
    [InlineData("{{ true }} {{ false }} {{ none }} {{ True }} {{ None }} {{ n }} {{ undefined_name }}|", "True False None True None None |")]
    [InlineData("{{ d.keys()|list }} {{ d.values()|list }} {{ d.get('a') }} {{ d.get('z', 'dflt') }} {{ d.get('z') }} {{ d['b'] }} {{ d.b }}", "['b', 'a'] [1, 2] 2 dflt None 1 1")]
    [InlineData("{{ messages[0].tool_calls is defined }} {{ messages[9] is defined }} {{ messages[0]['x'] is undefined }} {{ nope is defined }}", "False False True False")]
    public void Render_Expression_MatchesJinja2(string template, string expected)
    {
        Assert.Equal(expected, TestRender.Render(template));
    }

    [Fact]
    public void Render_ConcatBindsTighterThanPlus_RaisesOnIntPlusString()
    {
        // jinja2 parses `1 + 2 ~ 3` as 1 + (2 ~ 3), which is int + str.
        var e = Assert.Throws<TemplateRuntimeException>(() => TestRender.Render("{{ 1 + 2 ~ 3 }}"));
        Assert.Contains("unsupported operand", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AttributeOfUndefined_RaisesUndefinedError()
    {
        var e = Assert.Throws<TemplateRuntimeException>(() => TestRender.Render("{{ missing.attr }}"));
        Assert.Equal("'missing' is undefined", e.Message);
    }

    [Fact]
    public void Render_AttributeOfMissingKey_RaisesWithDictHint()
    {
        var e = Assert.Throws<TemplateRuntimeException>(() => TestRender.Render("{{ messages[0].nope.deeper }}"));
        Assert.Equal("'dict object' has no attribute 'nope'", e.Message);
    }

    [Fact]
    public void Render_ItemOfEmptyListThenKey_Raises()
    {
        // messages[0] on an empty list is undefined; ['role'] on it raises, as in jinja2.
        var e = Assert.Throws<TemplateRuntimeException>(() => TestRender.Render("{{ empty[0]['role'] }}"));
        Assert.Contains("no element 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ComparingListWithString_Raises()
    {
        Assert.Throws<TemplateRuntimeException>(() => TestRender.Render("{{ xs < 'a' }}"));
    }

    [Fact]
    public void Render_DivisionByZero_Raises()
    {
        Assert.Throws<TemplateRuntimeException>(() => TestRender.Render("{{ 1 // 0 }}"));
    }
}
