namespace Maas.Jinja.Tests;

/// <summary>Built-in filters. Expectations checked against jinja2 3.1 (with transformers' tojson).</summary>
public sealed class FilterTests
{
    [Theory]
    [InlineData("{{ s|lower }} {{ s|upper }} {{ 'hello-world foo(bar)'|title }} {{ 'hELLO'|capitalize }} {{ '  t  '|trim }} {{ 'xxtxx'|trim('x') }}", "hello world HELLO WORLD Hello-World Foo(Bar) Hello t t")]
    [InlineData("{{ xs|length }} {{ s|length }} {{ d|length }} {{ xs|count }} {{ undefined_name|length }} {{ xs|first }} {{ xs|last }} {{ 'abc'|first }} {{ empty|first is defined }}", "3 11 2 3 0 3 2 a False")]
    [InlineData("{{ xs|sort }} {{ xs|sort(reverse=true) }} {{ ['B', 'a', 'C']|sort }} {{ ['B', 'a', 'C']|sort(case_sensitive=true) }} {{ messages|sort(attribute='role')|map(attribute='role')|join(',') }}", "[1, 2, 3] [3, 2, 1] ['a', 'B', 'C'] ['B', 'C', 'a'] assistant,system,user")]
    [InlineData("{{ xs|join(', ') }} {{ xs|join }} {{ messages|map(attribute='role')|join('|') }} {{ messages|join(',', attribute='role') }}", "3, 1, 2 312 system|user|assistant system,user,assistant")]
    [InlineData("{{ messages|selectattr('role', 'equalto', 'user')|list|length }} {{ messages|rejectattr('role', 'eq', 'system')|map(attribute='content')|list }} {{ messages|selectattr('content')|list|length }}", "1 ['hi  ', ' hello'] 3")]
    [InlineData("{{ xs|select('odd')|list }} {{ xs|reject('odd')|list }} {{ [0, 1, '', 'a', none]|select|list }} {{ xs|select('gt', 1)|list }}", "[3, 1] [2] [1, 'a'] [3, 2]")]
    [InlineData("{{ d|items|list }} {{ d|dictsort }} {{ d|dictsort(by='value') }} {{ d|dictsort(reverse=true) }}", "[('b', 1), ('a', 2)] [('a', 2), ('b', 1)] [('b', 1), ('a', 2)] [('b', 1), ('a', 2)]")]
    [InlineData("{{ x|default('dv') }} {{ ''|default('dv') }} {{ ''|default('dv', true) }} {{ none|d('n', true) }} {{ none|default('n') }} {{ messages[0].name|default('anon') }}", "dv  dv n None anon")]
    [InlineData("{{ '42'|int }} {{ '4.7'|int }} {{ 'x'|int }} {{ 'x'|int(7) }} {{ 3.9|int }} {{ '2.5'|float }} {{ 'a'|float }} {{ 3|float }} {{ true|int }}", "42 4 0 7 3 2.5 0.0 3.0 1")]
    // round is Python's round (half to even) and keeps ints as ints.
    [InlineData("{{ -3|abs }} {{ -2.5|abs }} {{ 2.567|round(2) }} {{ 2.5|round }} {{ 3.5|round }} {{ 3|round }} {{ 2.1|round(method='ceil') }} {{ 2.9|round(method='floor') }}", "3 2.5 2.57 2.0 4.0 3 3.0 2.0")]
    [InlineData("{{ 'a b\\nc'|wordcount }} {{ 'hello world foo bar'|truncate(9) }} {{ 'hello world foo bar'|truncate(9, true) }} {{ 'hello world and more'|truncate(15, false, '..', 0) }} {{ 'short'|truncate(9) }}", "3 hello... hello ... hello world.. short")]
    [InlineData("{{ xs|min }} {{ xs|max }} {{ xs|sum }} {{ ['a', 'A', 'b']|unique|list }} {{ xs|reverse|list }} {{ 'abc'|reverse }} {{ [1.5, 2]|sum(start=1) }}", "1 3 6 ['a', 'b'] [2, 1, 3] cba 4.5")]
    [InlineData("{{ '%s is %d years'|format('Tom', 30) }} {{ '%.3f'|format(3.14159) }} {{ '%5.1f|%-4d|%x|%05d'|format(2.25, 7, 255, 42) }} {{ 'a %% b' % () }} {{ '%s' % 'one' }} {{ '%(a)s' % {'a': 1} }}", "Tom is 30 years 3.142   2.2|7   |ff|00042 a % b one 1")]
    // indent skips blank lines unless blank=true; the first line only with first=true.
    [InlineData("{{ 'line1\\nline2\\n\\nline4'|indent(2) }}|{{ 'l1\\nl2'|indent(2, first=true) }}|{{ 'l1\\n\\nl2'|indent(width='>', blank=true) }}", "line1\n  line2\n\n  line4|  l1\n  l2|l1\n>\n>l2")]
    [InlineData("{{ '<a href=\"x\">&\\'</a>'|e }} {{ '<b>'|safe }} {{ '<i>'|escape }} {{ 1|string ~ 2 }} {{ 'abc'|list }} {{ d|list }} {{ none|string }} {{ none|lower }}", "&lt;a href=&#34;x&#34;&gt;&amp;&#39;&lt;/a&gt; <b> &lt;i&gt; 12 ['a', 'b', 'c'] ['b', 'a'] None none")]
    [InlineData("{{ xs|map('string')|join('-') }} {{ ['a', 'b']|map('upper')|list }} {{ messages|map(attribute='missing', default='?')|list }} {{ [[1, 2], [3]]|map('length')|list }}", "3-1-2 ['A', 'B'] ['?', '?', '?'] [2, 1]")]
    // attr() only sees attributes, never dict keys.
    [InlineData("{{ 'a.b'|replace('.', '-') }} {{ 'aaa'|replace('a', 'b', 2) }} {{ [1, 2, 1]|unique|list }} {{ messages|map(attribute='role')|unique|list|length }} {{ d|attr('b') }}", "a-b bba [1, 2] 3 ")]
    public void Render_Filter_MatchesJinja2(string template, string expected)
    {
        Assert.Equal(expected, TestRender.Render(template));
    }

    [Theory]
    [InlineData("{{ 'x'|tojson }} {{ 1|tojson }} {{ 1.0|tojson }} {{ none|tojson }} {{ true|tojson }} {{ [1, 'a']|tojson }} {{ (1, 2)|tojson }}", "\"x\" 1 1.0 null true [1, \"a\"] [1, 2]")]
    // Python separators ", " and ": ", non-ASCII kept, control chars as \u00XX.
    [InlineData("{{ {'k': 'é\"\\\\\\n\\t\\u0001', 'n': none, 'b': false, 'f': 1.5, 'l': [], 'o': {}} | tojson }}", "{\"k\": \"é\\\"\\\\\\n\\t\\u0001\", \"n\": null, \"b\": false, \"f\": 1.5, \"l\": [], \"o\": {}}")]
    // With an indent the item separator loses its trailing space; empty containers stay on one line.
    [InlineData("{{ {'z': 1, 'a': [1, {}], 'm': {'q': []}} | tojson(indent=2) }}", "{\n  \"z\": 1,\n  \"a\": [\n    1,\n    {}\n  ],\n  \"m\": {\n    \"q\": []\n  }\n}")]
    [InlineData("{{ {'z': 1, 'a': 'é'} | tojson(sort_keys=true, ensure_ascii=true) }} {{ {'a': [1, 2]} | tojson(separators=(',', ':')) }}", "{\"a\": \"\\u00e9\", \"z\": 1} {\"a\":[1,2]}")]
    [InlineData("{{ messages[0]|tojson }}", "{\"role\": \"system\", \"content\": \"Be nice.\"}")]
    [InlineData("{{ {'a': 1}|tojson(indent='\\t') }}", "{\n\t\"a\": 1\n}")]
    public void Render_ToJson_MatchesPythonJsonDumps(string template, string expected)
    {
        Assert.Equal(expected, TestRender.Render(template));
    }

    [Fact]
    public void Render_ToJsonOfUndefined_Raises()
    {
        Assert.Throws<TemplateRuntimeException>(() => TestRender.Render("{{ missing|tojson }}"));
    }

    [Fact]
    public void Render_UnknownFilter_RaisesOnlyWhenReached()
    {
        // jinja2 3.x defers unknown filters to runtime, so an untaken branch is fine.
        Assert.Equal("ok", TestRender.Render("{% if false %}{{ x|nofilter }}{% endif %}ok"));
        var e = Assert.Throws<TemplateRuntimeException>(() => TestRender.Render("{{ x|nofilter }}"));
        Assert.Contains("nofilter", e.Message, StringComparison.Ordinal);
    }
}
