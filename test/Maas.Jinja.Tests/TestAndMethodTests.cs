namespace Maas.Jinja.Tests;

/// <summary>`is` tests and Python methods on strings, dicts and lists. Expectations checked against jinja2 3.1.</summary>
public sealed class TestAndMethodTests
{
    [Theory]
    // true is a bool, which Python counts as a number but jinja2 not as an integer.
    [InlineData("{{ 1 is number }} {{ 1.0 is float }} {{ 1 is integer }} {{ true is integer }} {{ 'a' is string }} {{ d is mapping }} {{ xs is iterable }} {{ xs is sequence }} {{ n is none }} {{ true is boolean }}", "True True True False True True True True True True")]
    [InlineData("{{ 4 is even }} {{ 3 is odd }} {{ 9 is divisibleby 3 }} {{ 9 is divisibleby(2) }} {{ 1 is true }} {{ true is true }} {{ false is false }} {{ 0 is false }}", "True True True False False True True False")]
    [InlineData("{{ 'a' is lower }} {{ 'A' is upper }} {{ 2 is gt 1 }} {{ 2 is ge 2 }} {{ 2 is lt 1 }} {{ 2 is le 1 }} {{ 2 is ne 1 }} {{ 1 is in xs }} {{ 'a' is eq 'a' }} {{ 'a' is equalto 'b' }}", "True True True True False False True True True False")]
    [InlineData("{{ range is callable }} {{ 'a' is callable }} {{ s.upper is callable }} {{ x is not defined }} {{ n is not none }} {{ messages is not string }} {{ none is sameas none }}", "True False True True False True True")]
    public void Render_Test_MatchesJinja2(string template, string expected)
    {
        Assert.Equal(expected, TestRender.Render(template));
    }

    [Theory]
    // split() without a separator drops empty parts; with maxsplit the rest keeps its trailing space.
    [InlineData("{{ 'a,b,c'.split(',') }} {{ ' a b '.split() }} {{ 'a,b,c'.split(',', 1) }} {{ 'a,b,c'.rsplit(',', 1) }} {{ 'x'.split(',') }} {{ ' a  b c '.split(none, 1) }}", "['a', 'b', 'c'] ['a', 'b'] ['a', 'b,c'] ['a,b', 'c'] ['x'] ['a', 'b c ']")]
    [InlineData("{{ '  pad '.strip() }}|{{ '  pad '.lstrip() }}|{{ '  pad '.rstrip() }}|{{ '--x--'.strip('-') }}|{{ 'xyhiyx'.strip('xy') }}", "pad|pad |  pad|x|hi")]
    [InlineData("{{ s.startswith('Hell') }} {{ s.endswith(('x', 'ld')) }} {{ s.upper() }} {{ s.lower() }} {{ s.replace('l', 'L') }} {{ s.replace('l', 'L', 2) }} {{ s.find('o') }} {{ s.find('z') }} {{ s.count('l') }}", "True True HELLO WORLD hello world HeLLo WorLd HeLLo World 4 -1 3")]
    // str.title() (the method) differs from the title filter: every letter after a non-letter is upper-cased.
    [InlineData("{{ 'hello world'.title() }} {{ \"they're 1st\".title() }} {{ 'hELLO'.capitalize() }} {{ 'hi {}, {name}'.format('a', name='b') }} {{ '-'.join(['a', 'b']) }} {{ '12'.isdigit() }} {{ 'ab'.isalpha() }}", "Hello World They'Re 1St Hello hi a, b a-b True True")]
    [InlineData("{{ 'a\\nb\\r\\nc'.splitlines() }} {{ [1, 2, 1].count(1) }} {{ ['a', 'b'].index('b') }} {{ messages[1].content.strip() ~ '|' }} {{ messages[2]['content'].lstrip().upper() }}", "['a', 'b', 'c'] 2 1 hi| HELLO")]
    [InlineData("{{ '</think>'.join(['a', 'b']) }} {{ 'x</think>answer'.split('</think>')[-1] }} {{ 'no think'.split('</think>')[0] }}", "a</think>b answer no think")]
    public void Render_PythonMethod_MatchesPython(string template, string expected)
    {
        Assert.Equal(expected, TestRender.Render(template));
    }

    [Fact]
    public void Render_ListAppend_IsNotAvailableInTheSandbox()
    {
        Assert.Throws<TemplateRuntimeException>(() => TestRender.Render("{{ xs.append(4) }}"));
    }
}
