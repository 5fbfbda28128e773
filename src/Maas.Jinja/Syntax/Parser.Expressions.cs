namespace Maas.Jinja.Syntax;

/// <summary>
/// Expression grammar with jinja2's precedence, loosest first: conditional, or, and, not, comparisons (incl. in),
/// + -, ~, * / // %, **, unary - +, then postfix (. [] ()) and filter/test (| and is) which bind tightest.
/// </summary>
internal sealed partial class Parser
{
    private static readonly HashSet<string> CompareOps = ["==", "!=", "<", "<=", ">", ">="];

    private Expr ParseExpression(bool withCondExpr = true) => withCondExpr ? ParseCondExpr() : ParseOr();

    /// <summary><c>a, b</c> without parentheses is a tuple; a single item is just that item.</summary>
    private Expr ParseTuple(bool withCondExpr, string? extraEnd = null, bool explicitParens = false)
    {
        var line = Current.Line;
        var items = new List<Expr>();
        var isTuple = false;
        while (true)
        {
            if (items.Count > 0)
            {
                ExpectOperator(",");
            }

            if (IsTupleEnd(extraEnd))
            {
                break;
            }

            items.Add(ParseExpression(withCondExpr));
            if (!Current.IsOperator(","))
            {
                break;
            }

            isTuple = true;
        }

        if (!isTuple)
        {
            if (items.Count > 0)
            {
                return items[0];
            }

            if (!explicitParens)
            {
                throw Fail($"Expected an expression, got '{Current.Describe()}'", Current);
            }
        }

        return new TupleExpr(items, line);
    }

    private bool IsTupleEnd(string? extraEnd) =>
        Current.Kind is TokenKind.VariableEnd or TokenKind.BlockEnd or TokenKind.Eof ||
        Current.IsOperator(")") || (extraEnd is not null && Current.IsName(extraEnd));

    /// <summary>Assignment targets: <c>name</c>, <c>a, b</c>, <c>(a, b)</c>, or with <c>set</c> also <c>ns.attr</c>.</summary>
    private Expr ParseAssignTarget(bool withNamespace, string? extraEnd = null)
    {
        var line = Current.Line;
        if (withNamespace && Current.Kind == TokenKind.Name && _tokens[_index + 1].IsOperator("."))
        {
            var ns = ExpectName();
            _index++;
            return new GetAttrExpr(new NameExpr(ns, line), ExpectName(), line);
        }

        var items = new List<Expr>();
        var isTuple = false;
        while (true)
        {
            if (items.Count > 0)
            {
                ExpectOperator(",");
            }

            if (IsTupleEnd(extraEnd) || Current.IsOperator("=") || Current.IsOperator("|"))
            {
                break;
            }

            items.Add(ParseTargetItem());
            if (!Current.IsOperator(","))
            {
                break;
            }

            isTuple = true;
        }

        if (items.Count == 0)
        {
            throw Fail($"expected an assignment target, got '{Current.Describe()}'", Current);
        }

        return isTuple ? new TupleExpr(items, line) : items[0];
    }

    private Expr ParseTargetItem()
    {
        var token = Current;
        if (token.IsOperator("("))
        {
            _index++;
            var inner = ParseAssignTarget(withNamespace: false);
            ExpectOperator(")");
            return inner;
        }

        if (token.Kind != TokenKind.Name || token.Text is "true" or "false" or "none" or "True" or "False" or "None")
        {
            throw Fail($"can't assign to '{token.Describe()}'", token);
        }

        _index++;
        return new NameExpr(token.Text, token.Line);
    }

    private Expr ParseCondExpr()
    {
        Enter();
        var line = Current.Line;
        var expr = ParseOr();
        while (SkipName("if"))
        {
            var test = ParseOr();
            var otherwise = SkipName("else") ? ParseCondExpr() : null;
            expr = new CondExpr(test, expr, otherwise, line);
        }

        _nesting--;
        return expr;
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsName("or"))
        {
            var line = Current.Line;
            _index++;
            left = new BinaryExpr("or", left, ParseAnd(), line);
        }

        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (Current.IsName("and"))
        {
            var line = Current.Line;
            _index++;
            left = new BinaryExpr("and", left, ParseNot(), line);
        }

        return left;
    }

    private Expr ParseNot()
    {
        if (Current.IsName("not"))
        {
            var line = Current.Line;
            _index++;
            Enter();
            var operand = ParseNot();
            _nesting--;
            return new UnaryExpr("not", operand, line);
        }

        return ParseCompare();
    }

    private Expr ParseCompare()
    {
        var line = Current.Line;
        var first = ParseMath1();
        var rest = new List<KeyValuePair<string, Expr>>();
        while (true)
        {
            string op;
            if (Current.Kind == TokenKind.Operator && CompareOps.Contains(Current.Text))
            {
                op = Current.Text;
                _index++;
            }
            else if (Current.IsName("in"))
            {
                op = "in";
                _index++;
            }
            else if (Current.IsName("not") && _tokens[_index + 1].IsName("in"))
            {
                op = "notin";
                _index += 2;
            }
            else
            {
                break;
            }

            rest.Add(new(op, ParseMath1()));
        }

        return rest.Count == 0 ? first : new CompareExpr(first, rest, line);
    }

    private Expr ParseMath1()
    {
        var left = ParseConcat();
        while (Current.IsOperator("+") || Current.IsOperator("-"))
        {
            var op = Current;
            _index++;
            left = new BinaryExpr(op.Text, left, ParseConcat(), op.Line);
        }

        return left;
    }

    private Expr ParseConcat()
    {
        var left = ParseMath2();
        while (Current.IsOperator("~"))
        {
            var op = Current;
            _index++;
            left = new BinaryExpr("~", left, ParseMath2(), op.Line);
        }

        return left;
    }

    private Expr ParseMath2()
    {
        var left = ParsePow();
        while (Current.Kind == TokenKind.Operator && Current.Text is "*" or "/" or "//" or "%")
        {
            var op = Current;
            _index++;
            left = new BinaryExpr(op.Text, left, ParsePow(), op.Line);
        }

        return left;
    }

    private Expr ParsePow()
    {
        var left = ParseUnary(withFilter: true);
        while (Current.IsOperator("**"))
        {
            var op = Current;
            _index++;
            left = new BinaryExpr("**", left, ParseUnary(withFilter: true), op.Line);
        }

        return left;
    }

    private Expr ParseUnary(bool withFilter)
    {
        Enter();
        var token = Current;
        Expr node;
        if (token.IsOperator("-") || token.IsOperator("+"))
        {
            _index++;
            node = new UnaryExpr(token.Text, ParseUnary(withFilter: false), token.Line);
        }
        else
        {
            node = ParsePrimary();
        }

        node = ParsePostfix(node);
        if (withFilter)
        {
            node = ParseFilterAndTests(node);
        }

        _nesting--;
        return node;
    }

    private Expr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Name:
                _index++;
                return token.Text switch
                {
                    "true" or "True" => new ConstExpr(true, token.Line),
                    "false" or "False" => new ConstExpr(false, token.Line),
                    "none" or "None" => new ConstExpr(null, token.Line),
                    _ => new NameExpr(token.Text, token.Line),
                };
            case TokenKind.String:
                // Adjacent literals concatenate, as in Python.
                var text = (string)token.Value!;
                _index++;
                while (Current.Kind == TokenKind.String)
                {
                    text += (string)Current.Value!;
                    _index++;
                }

                return new ConstExpr(text, token.Line);
            case TokenKind.Integer:
            case TokenKind.Float:
                _index++;
                return new ConstExpr(token.Value, token.Line);
            case TokenKind.Operator when token.Text == "(":
                _index++;
                var inner = ParseTuple(withCondExpr: true, explicitParens: true);
                ExpectOperator(")");
                return inner;
            case TokenKind.Operator when token.Text == "[":
                return ParseList();
            case TokenKind.Operator when token.Text == "{":
                return ParseDict();
            default:
                throw Fail($"unexpected '{token.Describe()}'", token);
        }
    }

    private ListExpr ParseList()
    {
        var line = Current.Line;
        _index++;
        var items = new List<Expr>();
        while (!Current.IsOperator("]"))
        {
            if (items.Count > 0)
            {
                ExpectOperator(",");
                if (Current.IsOperator("]"))
                {
                    break;
                }
            }

            items.Add(ParseExpression());
        }

        _index++;
        return new ListExpr(items, line);
    }

    private DictExpr ParseDict()
    {
        var line = Current.Line;
        _index++;
        var pairs = new List<KeyValuePair<Expr, Expr>>();
        while (!Current.IsOperator("}"))
        {
            if (pairs.Count > 0)
            {
                ExpectOperator(",");
                if (Current.IsOperator("}"))
                {
                    break;
                }
            }

            var key = ParseExpression();
            ExpectOperator(":");
            pairs.Add(new(key, ParseExpression()));
        }

        _index++;
        return new DictExpr(pairs, line);
    }

    private Expr ParsePostfix(Expr node)
    {
        while (true)
        {
            var token = Current;
            if (token.IsOperator("."))
            {
                _index++;
                var attr = Current;
                _index++;
                node = attr.Kind switch
                {
                    TokenKind.Name => new GetAttrExpr(node, attr.Text, token.Line),
                    TokenKind.Integer => new GetItemExpr(node, new ConstExpr(attr.Value, attr.Line), token.Line),
                    _ => throw Fail($"expected name or number after '.', got '{attr.Describe()}'", attr),
                };
            }
            else if (token.IsOperator("["))
            {
                _index++;
                node = new GetItemExpr(node, ParseSubscript(), token.Line);
                ExpectOperator("]");
            }
            else if (token.IsOperator("("))
            {
                node = new CallExpr(node, ParseCallArgs(), token.Line);
            }
            else
            {
                return node;
            }
        }
    }

    private Expr ParseSubscript()
    {
        var line = Current.Line;
        Expr? start = null;
        if (!Current.IsOperator(":"))
        {
            start = ParseExpression();
            if (!Current.IsOperator(":"))
            {
                return start;
            }
        }

        _index++;
        Expr? stop = null;
        Expr? step = null;
        if (!Current.IsOperator("]") && !Current.IsOperator(":"))
        {
            stop = ParseExpression();
        }

        if (Current.IsOperator(":"))
        {
            _index++;
            if (!Current.IsOperator("]"))
            {
                step = ParseExpression();
            }
        }

        return new SliceExpr(start, stop, step, line);
    }

    private Arguments ParseCallArgs()
    {
        ExpectOperator("(");
        var positional = new List<Expr>();
        var named = new List<KeyValuePair<string, Expr>>();
        while (!Current.IsOperator(")"))
        {
            if (positional.Count + named.Count > 0)
            {
                ExpectOperator(",");
                if (Current.IsOperator(")"))
                {
                    break;
                }
            }

            if (Current.IsOperator("*") || Current.IsOperator("**"))
            {
                throw Fail("*args and **kwargs in calls are not supported", Current);
            }

            if (Current.Kind == TokenKind.Name && _tokens[_index + 1].IsOperator("="))
            {
                var name = Current.Text;
                _index += 2;
                named.Add(new(name, ParseExpression()));
            }
            else if (named.Count > 0)
            {
                throw Fail("positional argument follows keyword argument", Current);
            }
            else
            {
                positional.Add(ParseExpression());
            }
        }

        _index++;
        return new Arguments(positional, named);
    }

    private Expr ParseFilterAndTests(Expr node)
    {
        while (true)
        {
            if (Current.IsOperator("|"))
            {
                var line = Current.Line;
                _index++;
                node = new FilterExpr(node, ParseFilterCall(), line);
            }
            else if (Current.IsName("is"))
            {
                node = ParseTest(node);
            }
            else if (Current.IsOperator("("))
            {
                var line = Current.Line;
                node = new CallExpr(node, ParseCallArgs(), line);
            }
            else
            {
                return node;
            }
        }
    }

    private FilterCall ParseFilterCall()
    {
        var token = Current;
        var name = ExpectName();
        while (Current.IsOperator("."))
        {
            _index++;
            name += "." + ExpectName();
        }

        var args = Current.IsOperator("(") ? ParseCallArgs() : Arguments.None;
        return new FilterCall(name, args, token.Line);
    }

    private TestExpr ParseTest(Expr node)
    {
        var line = Current.Line;
        _index++;
        var negated = SkipName("not");
        var name = ExpectName();
        while (Current.IsOperator("."))
        {
            _index++;
            name += "." + ExpectName();
        }

        var args = Arguments.None;
        var token = Current;
        if (token.IsOperator("("))
        {
            args = ParseCallArgs();
        }
        else if ((token.Kind is TokenKind.Name or TokenKind.String or TokenKind.Integer or TokenKind.Float ||
                  token.IsOperator("[") || token.IsOperator("{")) &&
                 !(token.IsName("else") || token.IsName("or") || token.IsName("and")))
        {
            // `x is divisibleby 3`, `x is equalto 'a'`: one argument without parentheses.
            if (token.IsName("is"))
            {
                throw Fail("You cannot chain multiple tests with is", token);
            }

            args = new Arguments([ParsePostfix(ParsePrimary())], []);
        }

        return new TestExpr(node, name, args, negated, line);
    }
}
