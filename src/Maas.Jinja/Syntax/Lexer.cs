using System.Globalization;

namespace Maas.Jinja.Syntax;

/// <summary>
/// Splits template source into tokens with jinja2's whitespace rules for <c>trim_blocks=True, lstrip_blocks=True</c>:
/// <c>-</c> strips all whitespace on that side, <c>+</c> disables lstrip (left) or trim (right), lstrip removes spaces
/// and tabs before <c>{%</c>/<c>{#</c> at a line start, trim removes one newline after <c>%}</c>/<c>#}</c>. Neither
/// applies to <c>{{ }}</c>.
/// </summary>
internal sealed class Lexer
{
    private static readonly string[] Operators2 = ["//", "**", "==", "!=", "<=", ">="];
    private const string Operators1 = "+-/*%~[](){}=<>.:|,;";

    private readonly string _src;
    private readonly List<Token> _tokens = [];
    private int _pos;
    private int _line = 1;

    // jinja2 lstrips a tag with no newline before it only when the previous match ended a line.
    private bool _lineStarting = true;

    private Lexer(string source) => _src = source;

    public static List<Token> Tokenize(string source)
    {
        var lexer = new Lexer(Normalize(source));
        lexer.Run();
        return lexer._tokens;
    }

    /// <summary>jinja2 turns \r\n and \r into \n and drops one trailing newline (keep_trailing_newline=False).</summary>
    private static string Normalize(string source)
    {
        var text = source.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return text.EndsWith('\n') ? text[..^1] : text;
    }

    private void Run()
    {
        while (_pos < _src.Length)
        {
            var open = FindTagStart(_pos);
            if (open < 0)
            {
                EmitData(_src[_pos..], _line);
                break;
            }

            var kind = _src[open + 1];
            var signAt = open + 2;
            var sign = signAt < _src.Length && _src[signAt] is '-' or '+' ? _src[signAt] : '\0';
            var textLine = _line;
            var text = _src[_pos..open];
            _line += Count(text, '\n');
            var tagLine = _line;
            EmitData(StripBefore(text, sign, lstrip: kind != '{'), textLine);
            _pos = signAt + (sign == '\0' ? 0 : 1);

            switch (kind)
            {
                case '#':
                    LexComment(tagLine);
                    break;
                case '%' when TryRawBegin(out var afterRaw):
                    LexRaw(afterRaw, tagLine);
                    break;
                case '%':
                    LexTag(block: true, tagLine);
                    break;
                default:
                    LexTag(block: false, tagLine);
                    break;
            }
        }

        _tokens.Add(new Token(TokenKind.Eof, "", _line));
    }

    private int FindTagStart(int from)
    {
        for (var i = _src.IndexOf('{', from); i >= 0 && i + 1 < _src.Length; i = _src.IndexOf('{', i + 1))
        {
            if (_src[i + 1] is '{' or '%' or '#')
            {
                return i;
            }
        }

        return -1;
    }

    private string StripBefore(string text, char sign, bool lstrip)
    {
        if (sign == '-')
        {
            return PyChars.RStrip(text);
        }

        if (sign == '+' || !lstrip)
        {
            return text;
        }

        var lineStart = text.LastIndexOf('\n') + 1;
        if (lineStart == 0 && !_lineStarting)
        {
            return text;
        }

        for (var i = lineStart; i < text.Length; i++)
        {
            if (text[i] is not (' ' or '\t'))
            {
                return text;
            }
        }

        return text[..lineStart];
    }

    private void EmitData(string text, int line)
    {
        if (text.Length > 0)
        {
            _tokens.Add(new Token(TokenKind.Data, text, line));
        }
    }

    /// <summary>After a closing tag: '-' eats all following whitespace, '+' nothing, plain eats one newline if trim applies.</summary>
    private void ConsumeAfterTagEnd(char sign, bool trim)
    {
        var start = _pos;
        if (sign == '-')
        {
            while (_pos < _src.Length && PyChars.IsSpace(_src[_pos]))
            {
                _pos++;
            }
        }
        else if (sign != '+' && trim && _pos < _src.Length && _src[_pos] == '\n')
        {
            _pos++;
        }

        _line += Count(_src.AsSpan(start, _pos - start), '\n');
        _lineStarting = _pos > 0 && _src[_pos - 1] == '\n';
    }

    private void LexComment(int line)
    {
        var end = _src.IndexOf("#}", _pos, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new TemplateSyntaxException("Missing end of comment tag", line);
        }

        var sign = end > _pos && _src[end - 1] is '-' or '+' ? _src[end - 1] : '\0';
        _line += Count(_src.AsSpan(_pos, end - _pos), '\n');
        _pos = end + 2;
        ConsumeAfterTagEnd(sign, trim: true);
    }

    /// <summary>Matches <c>\s*raw\s*(-%}|%})</c> after <c>{%</c>; the raw opener never trims its newline.</summary>
    private bool TryRawBegin(out int afterTag)
    {
        afterTag = 0;
        var i = SkipSpace(_pos);
        if (string.CompareOrdinal(_src, i, "raw", 0, 3) != 0)
        {
            return false;
        }

        i = SkipSpace(i + 3);
        if (string.CompareOrdinal(_src, i, "-%}", 0, 3) == 0)
        {
            afterTag = SkipSpace(i + 3);
            return true;
        }

        if (string.CompareOrdinal(_src, i, "%}", 0, 2) == 0)
        {
            afterTag = i + 2;
            return true;
        }

        return false;
    }

    private void LexRaw(int afterTag, int line)
    {
        _line += Count(_src.AsSpan(_pos, afterTag - _pos), '\n');
        _pos = afterTag;
        _lineStarting = _pos > 0 && _src[_pos - 1] == '\n';
        var search = _pos;
        while (true)
        {
            var open = _src.IndexOf("{%", search, StringComparison.Ordinal);
            if (open < 0)
            {
                throw new TemplateSyntaxException("Missing end of raw directive", line);
            }

            var i = open + 2;
            var sign = i < _src.Length && _src[i] is '-' or '+' ? _src[i] : '\0';
            i = SkipSpace(i + (sign == '\0' ? 0 : 1));
            search = open + 1;
            if (string.CompareOrdinal(_src, i, "endraw", 0, 6) != 0)
            {
                continue;
            }

            i = SkipSpace(i + 6);
            var endSign = i < _src.Length && _src[i] is '-' or '+' ? _src[i] : '\0';
            var close = i + (endSign == '\0' ? 0 : 1);
            if (string.CompareOrdinal(_src, close, "%}", 0, 2) != 0)
            {
                continue;
            }

            var body = _src[_pos..open];
            EmitData(StripBefore(body, sign, lstrip: true), _line);
            _line += Count(_src.AsSpan(_pos, close + 2 - _pos), '\n');
            _pos = close + 2;
            ConsumeAfterTagEnd(endSign, trim: true);
            return;
        }
    }

    private void LexTag(bool block, int line)
    {
        _tokens.Add(new Token(block ? TokenKind.BlockBegin : TokenKind.VariableBegin, block ? "{%" : "{{", line));
        var brackets = new Stack<char>();
        while (true)
        {
            while (_pos < _src.Length && PyChars.IsSpace(_src[_pos]))
            {
                if (_src[_pos] == '\n')
                {
                    _line++;
                }

                _pos++;
            }

            if (_pos >= _src.Length)
            {
                throw new TemplateSyntaxException(
                    block ? "Unexpected end of template: missing '%}'" : "Unexpected end of template: missing '}}'", line);
            }

            if (brackets.Count == 0 && TryTagEnd(block))
            {
                return;
            }

            LexTagToken(brackets);
        }
    }

    private bool TryTagEnd(bool block)
    {
        var c = _src[_pos];
        var sign = c is '-' or '+' ? c : '\0';
        var at = _pos + (sign == '\0' ? 0 : 1);
        var end = block ? "%}" : "}}";
        if (string.CompareOrdinal(_src, at, end, 0, 2) != 0 || (!block && sign == '+'))
        {
            return false;
        }

        _tokens.Add(new Token(block ? TokenKind.BlockEnd : TokenKind.VariableEnd, end, _line));
        _pos = at + 2;
        ConsumeAfterTagEnd(sign, trim: block);
        return true;
    }

    private void LexTagToken(Stack<char> brackets)
    {
        var c = _src[_pos];
        if (char.IsAsciiDigit(c))
        {
            LexNumber();
        }
        else if (char.IsLetter(c) || c == '_')
        {
            var start = _pos;
            while (_pos < _src.Length && (char.IsLetterOrDigit(_src[_pos]) || _src[_pos] == '_'))
            {
                _pos++;
            }

            _tokens.Add(new Token(TokenKind.Name, _src[start.._pos], _line));
        }
        else if (c is '\'' or '"')
        {
            LexString(c);
        }
        else
        {
            LexOperator(brackets);
        }
    }

    private void LexOperator(Stack<char> brackets)
    {
        var c = _src[_pos];
        if (_pos + 1 < _src.Length)
        {
            var two = _src.Substring(_pos, 2);
            if (Operators2.Contains(two))
            {
                _tokens.Add(new Token(TokenKind.Operator, two, _line));
                _pos += 2;
                return;
            }
        }

        if (!Operators1.Contains(c, StringComparison.Ordinal))
        {
            throw new TemplateSyntaxException($"unexpected char '{c}'", _line);
        }

        if (c is '(' or '[' or '{')
        {
            brackets.Push(c);
        }
        else if (c is ')' or ']' or '}')
        {
            var expected = c switch { ')' => '(', ']' => '[', _ => '{' };
            if (brackets.Count == 0 || brackets.Pop() != expected)
            {
                throw new TemplateSyntaxException($"unexpected '{c}'", _line);
            }
        }

        _tokens.Add(new Token(TokenKind.Operator, c.ToString(), _line));
        _pos++;
    }

    private void LexNumber()
    {
        var start = _pos;
        SkipDigits();

        // jinja2's float rule refuses a number right after '.', so `x.0.1` stays attribute access.
        var afterDot = _tokens.Count > 0 && _tokens[^1].IsOperator(".");
        var isFloat = false;
        if (!afterDot && _pos + 1 < _src.Length && _src[_pos] == '.' && char.IsAsciiDigit(_src[_pos + 1]))
        {
            _pos++;
            SkipDigits();
            isFloat = true;
        }

        if (!afterDot && _pos < _src.Length && _src[_pos] is 'e' or 'E')
        {
            var i = _pos + 1;
            if (i < _src.Length && _src[i] is '+' or '-')
            {
                i++;
            }

            if (i < _src.Length && char.IsAsciiDigit(_src[i]))
            {
                _pos = i;
                SkipDigits();
                isFloat = true;
            }
        }

        var text = _src[start.._pos];
        var digits = text.Replace("_", "", StringComparison.Ordinal);
        if (isFloat)
        {
            _tokens.Add(new Token(TokenKind.Float, text, _line, double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }
        else if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            _tokens.Add(new Token(TokenKind.Integer, text, _line, value));
        }
        else
        {
            throw new TemplateSyntaxException($"integer literal '{text}' is too large", _line);
        }
    }

    private void SkipDigits()
    {
        while (_pos < _src.Length && (char.IsAsciiDigit(_src[_pos]) ||
               (_src[_pos] == '_' && _pos + 1 < _src.Length && char.IsAsciiDigit(_src[_pos + 1]))))
        {
            _pos++;
        }
    }

    private void LexString(char quote)
    {
        var line = _line;
        var start = _pos++;
        while (_pos < _src.Length && _src[_pos] != quote)
        {
            if (_src[_pos] == '\\')
            {
                _pos++;
            }

            _pos++;
        }

        if (_pos >= _src.Length)
        {
            throw new TemplateSyntaxException("unexpected end of string", line);
        }

        var raw = _src[(start + 1).._pos];
        _pos++;
        _line += Count(raw, '\n');
        _tokens.Add(new Token(TokenKind.String, _src[start.._pos], line, StringEscapes.Unescape(raw)));
    }

    private int SkipSpace(int i)
    {
        while (i < _src.Length && PyChars.IsSpace(_src[i]))
        {
            i++;
        }

        return i;
    }

    private static int Count(ReadOnlySpan<char> text, char c) => text.Count(c);
}
