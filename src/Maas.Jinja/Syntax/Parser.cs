using System.Runtime.CompilerServices;

namespace Maas.Jinja.Syntax;

/// <summary>Recursive-descent parser for the statement level of jinja2 (see Parser.Expressions.cs for expressions).</summary>
internal sealed partial class Parser
{
    // Bounds parser recursion so a template of ten thousand '(' fails cleanly instead of overflowing the stack.
    private const int MaxNesting = 200;

    private readonly List<Token> _tokens;
    private readonly Stack<string> _openBlocks = new();
    private int _index;
    private int _nesting;
    private int _loopDepth;

    private Parser(List<Token> tokens) => _tokens = tokens;

    private Token Current => _tokens[_index];

    public static IReadOnlyList<Node> Parse(string source)
    {
        var parser = new Parser(Lexer.Tokenize(source));
        var body = parser.ParseBody([], 1);
        return body;
    }

    /// <summary>Parses nodes until a block tag named in <paramref name="endTags"/> (left unconsumed) or the end.</summary>
    private List<Node> ParseBody(string[] endTags, int openedAt)
    {
        Enter();
        var nodes = new List<Node>();
        while (true)
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Data:
                    nodes.Add(new TextNode(token.Text, token.Line));
                    _index++;
                    break;
                case TokenKind.VariableBegin:
                    _index++;
                    var value = ParseTuple(withCondExpr: true);
                    Expect(TokenKind.VariableEnd);
                    nodes.Add(new OutputNode(value, token.Line));
                    break;
                case TokenKind.BlockBegin:
                    var tag = _tokens[_index + 1];
                    if (tag.Kind == TokenKind.Name && endTags.Contains(tag.Text))
                    {
                        _nesting--;
                        return nodes;
                    }

                    _index++;
                    nodes.Add(ParseStatement());
                    break;
                case TokenKind.Eof:
                    if (endTags.Length > 0)
                    {
                        throw new TemplateSyntaxException(
                            $"Unexpected end of template. Jinja was looking for the following tags: {Quote(endTags)}. " +
                            $"The innermost block that needs to be closed is '{_openBlocks.Peek()}' (opened on line {openedAt}).",
                            openedAt);
                    }

                    _nesting--;
                    return nodes;
                default:
                    throw Fail($"unexpected '{token.Describe()}'", token);
            }
        }
    }

    private Node ParseStatement()
    {
        var tag = Current;
        if (tag.Kind != TokenKind.Name)
        {
            throw Fail("tag name expected", tag);
        }

        _index++;
        return tag.Text switch
        {
            "if" => ParseIf(tag.Line),
            "for" => ParseFor(tag.Line),
            "set" => ParseSet(tag.Line),
            "macro" => ParseMacro(tag.Line),
            "call" => ParseCallBlock(tag.Line),
            "filter" => ParseFilterBlock(tag.Line),
            "generation" => new GenerationNode(ParseBlockBody("generation", "endgeneration", tag.Line), tag.Line),
            "break" or "continue" => ParseLoopControl(tag),
            _ => throw UnknownTag(tag),
        };
    }

    private TemplateSyntaxException UnknownTag(Token tag)
    {
        var message = $"Encountered unknown tag '{tag.Text}'.";
        if (_openBlocks.Count > 0)
        {
            message += $" The innermost block that needs to be closed is '{_openBlocks.Peek()}'.";
        }

        return new TemplateSyntaxException(message, tag.Line);
    }

    private IfNode ParseIf(int line)
    {
        var branches = new List<IfBranch>();
        IReadOnlyList<Node>? otherwise = null;
        var test = ParseTuple(withCondExpr: false);
        Expect(TokenKind.BlockEnd);
        _openBlocks.Push("if");
        while (true)
        {
            var body = ParseBody(["elif", "else", "endif"], line);
            branches.Add(new IfBranch(test, body));
            var tag = TakeEndTag();
            if (tag == "elif")
            {
                test = ParseTuple(withCondExpr: false);
                Expect(TokenKind.BlockEnd);
                continue;
            }

            Expect(TokenKind.BlockEnd);
            if (tag == "else")
            {
                otherwise = ParseBody(["endif"], line);
                TakeEndTag();
                Expect(TokenKind.BlockEnd);
            }

            break;
        }

        _openBlocks.Pop();
        return new IfNode(branches, otherwise, line);
    }

    private ForNode ParseFor(int line)
    {
        var target = ParseAssignTarget(withNamespace: false, "in");
        ExpectName("in");
        var iterable = ParseTuple(withCondExpr: false, "recursive");
        Expr? filter = null;
        if (SkipName("if"))
        {
            filter = ParseExpression();
        }

        var recursive = SkipName("recursive");
        Expect(TokenKind.BlockEnd);
        _openBlocks.Push("for");
        _loopDepth++;
        var body = ParseBody(["endfor", "else"], line);
        _loopDepth--;
        IReadOnlyList<Node>? otherwise = null;
        if (TakeEndTag() == "else")
        {
            Expect(TokenKind.BlockEnd);
            otherwise = ParseBody(["endfor"], line);
            TakeEndTag();
        }

        Expect(TokenKind.BlockEnd);
        _openBlocks.Pop();
        return new ForNode(target, iterable, filter, recursive, body, otherwise, line);
    }

    private Node ParseSet(int line)
    {
        var target = ParseAssignTarget(withNamespace: true);
        if (Current.IsOperator("="))
        {
            _index++;
            var value = ParseTuple(withCondExpr: true);
            Expect(TokenKind.BlockEnd);
            return new SetNode(target, value, line);
        }

        var filters = new List<FilterCall>();
        while (Current.IsOperator("|"))
        {
            _index++;
            filters.Add(ParseFilterCall());
        }

        var body = ParseBlockBody("set", "endset", line);
        return new SetBlockNode(target, filters, body, line);
    }

    private MacroNode ParseMacro(int line)
    {
        var name = ExpectName();
        var parameters = ParseSignature();
        var outerLoops = _loopDepth;
        _loopDepth = 0;
        var body = ParseBlockBody("macro", "endmacro", line);
        _loopDepth = outerLoops;
        return new MacroNode(name, parameters, body, line);
    }

    private CallBlockNode ParseCallBlock(int line)
    {
        var callerParams = Current.IsOperator("(") ? ParseSignature() : [];
        var call = ParseExpression() as CallExpr ?? throw new TemplateSyntaxException("expected call", line);
        var body = ParseBlockBody("call", "endcall", line);
        return new CallBlockNode(call, callerParams, body, line);
    }

    private FilterBlockNode ParseFilterBlock(int line)
    {
        var filters = new List<FilterCall> { ParseFilterCall() };
        while (Current.IsOperator("|"))
        {
            _index++;
            filters.Add(ParseFilterCall());
        }

        return new FilterBlockNode(filters, ParseBlockBody("filter", "endfilter", line), line);
    }

    private Node ParseLoopControl(Token tag)
    {
        if (_loopDepth == 0)
        {
            throw new TemplateSyntaxException($"'{tag.Text}' outside of a loop", tag.Line);
        }

        Expect(TokenKind.BlockEnd);
        return tag.Text == "break" ? new BreakNode(tag.Line) : new ContinueNode(tag.Line);
    }

    /// <summary>Finishes the opening tag, parses the body up to <paramref name="endTag"/> and consumes it.</summary>
    private List<Node> ParseBlockBody(string blockName, string endTag, int line)
    {
        Expect(TokenKind.BlockEnd);
        _openBlocks.Push(blockName);
        var body = ParseBody([endTag], line);
        TakeEndTag();
        Expect(TokenKind.BlockEnd);
        _openBlocks.Pop();
        return body;
    }

    private List<MacroParam> ParseSignature()
    {
        ExpectOperator("(");
        var parameters = new List<MacroParam>();
        while (!Current.IsOperator(")"))
        {
            if (parameters.Count > 0)
            {
                ExpectOperator(",");
                if (Current.IsOperator(")"))
                {
                    break;
                }
            }

            var name = ExpectName();
            Expr? fallback = null;
            if (Current.IsOperator("="))
            {
                _index++;
                fallback = ParseExpression();
            }

            parameters.Add(new MacroParam(name, fallback));
        }

        _index++;
        return parameters;
    }

    /// <summary>Consumes the block-begin token and the tag name that <see cref="ParseBody"/> stopped at.</summary>
    private string TakeEndTag()
    {
        _index++;
        return _tokens[_index++].Text;
    }

    private void Enter()
    {
        if (++_nesting > MaxNesting)
        {
            throw Fail("template is nested too deeply", Current);
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
    }

    private Token Expect(TokenKind kind)
    {
        var token = Current;
        if (token.Kind != kind)
        {
            var expected = kind switch
            {
                TokenKind.BlockEnd => "end of statement block",
                TokenKind.VariableEnd => "end of print statement",
                _ => kind.ToString(),
            };
            throw Fail($"expected '{expected}', got '{token.Describe()}'", token);
        }

        _index++;
        return token;
    }

    private void ExpectOperator(string op)
    {
        if (!Current.IsOperator(op))
        {
            throw Fail($"expected '{op}', got '{Current.Describe()}'", Current);
        }

        _index++;
    }

    private string ExpectName(string? name = null)
    {
        var token = Current;
        if (token.Kind != TokenKind.Name || (name is not null && token.Text != name))
        {
            throw Fail($"expected '{name ?? "name"}', got '{token.Describe()}'", token);
        }

        _index++;
        return token.Text;
    }

    private bool SkipName(string name)
    {
        if (!Current.IsName(name))
        {
            return false;
        }

        _index++;
        return true;
    }

    private static TemplateSyntaxException Fail(string message, Token at) => new(message, at.Line);

    private static string Quote(string[] tags) => string.Join(" or ", tags.Select(t => $"'{t}'"));
}
