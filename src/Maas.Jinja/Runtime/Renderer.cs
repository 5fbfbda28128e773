using System.Text;
using Maas.Jinja.Syntax;

namespace Maas.Jinja.Runtime;

/// <summary>Walks the parsed template for one render; holds the output buffer, limits and call depth.</summary>
internal sealed partial class Renderer
{
    private readonly Scope _root;
    private StringBuilder _out = new();
    private int _depth;

    public Renderer(JinjaOptions options, IReadOnlyDictionary<string, object?> context)
    {
        Options = options;
        Limits = new RenderLimits(options);
        var globals = new Scope(null);
        Globals.Register(globals.Vars);
        _root = new Scope(globals);
        foreach (var (name, value) in context)
        {
            _root.Vars[name] = ValueConverter.ToRuntime(value);
        }
    }

    private enum Flow
    {
        Normal,
        Break,
        Continue,
    }

    public JinjaOptions Options { get; }

    public RenderLimits Limits { get; }

    public string Render(IReadOnlyList<Node> body)
    {
        Execute(body, _root);
        return _out.ToString();
    }

    private Flow Execute(IReadOnlyList<Node> nodes, Scope scope)
    {
        foreach (var node in nodes)
        {
            var flow = ExecuteNode(node, scope);
            if (flow != Flow.Normal)
            {
                return flow;
            }
        }

        return Flow.Normal;
    }

    private Flow ExecuteNode(Node node, Scope scope)
    {
        try
        {
            switch (node)
            {
                case TextNode text:
                    Write(text.Text);
                    return Flow.Normal;
                case OutputNode output:
                    Write(PyFormat.Str(Evaluate(output.Value, scope)));
                    return Flow.Normal;
                case IfNode branch:
                    foreach (var (test, body) in branch.Branches)
                    {
                        if (PyOps.Truthy(Evaluate(test, scope)))
                        {
                            return Execute(body, scope);
                        }
                    }

                    return branch.Else is null ? Flow.Normal : Execute(branch.Else, scope);
                case ForNode loop:
                    RunLoop(loop, Evaluate(loop.Iterable, scope), scope, 1);
                    return Flow.Normal;
                case SetNode set:
                    Assign(set.Target, Evaluate(set.Value, scope), scope);
                    return Flow.Normal;
                case SetBlockNode setBlock:
                    Assign(setBlock.Target, ApplyFilters(setBlock.Filters, Capture(setBlock.Body, scope), scope), scope);
                    return Flow.Normal;
                case MacroNode macro:
                    scope.Vars[macro.Name] = new Macro(macro, scope);
                    return Flow.Normal;
                case CallBlockNode call:
                    Write(PyFormat.Str(EvaluateCallBlock(call, scope)));
                    return Flow.Normal;
                case FilterBlockNode filter:
                    Write(PyFormat.Str(ApplyFilters(filter.Filters, Capture(filter.Body, scope), scope)));
                    return Flow.Normal;
                case GenerationNode generation:
                    return Execute(generation.Body, scope);
                case BreakNode:
                    return Flow.Break;
                case ContinueNode:
                    return Flow.Continue;
                default:
                    throw new TemplateRuntimeException($"unsupported node {node.GetType().Name}");
            }
        }
        catch (TemplateRuntimeException e) when (e.Line is null)
        {
            throw e.WithLine(node.Line);
        }
        catch (Exception e) when (e is not TemplateRuntimeException and not InsufficientExecutionStackException)
        {
            throw new TemplateRuntimeException(e.Message, node.Line, raisedByTemplate: false, e);
        }
    }

    private void Write(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (_out.Length + (long)text.Length > Limits.MaxOutputLength)
        {
            throw new TemplateRuntimeException($"template output is longer than {Limits.MaxOutputLength} chars");
        }

        Limits.Produce(text.Length);
        _out.Append(text);
    }

    /// <summary>Renders <paramref name="body"/> into a fresh buffer (block set, filter blocks, macro bodies).</summary>
    private string Capture(IReadOnlyList<Node> body, Scope scope)
    {
        var saved = _out;
        _out = new StringBuilder();
        try
        {
            Execute(body, scope);
            return _out.ToString();
        }
        finally
        {
            _out = saved;
        }
    }

    private void RunLoop(ForNode loop, object? iterable, Scope scope, int depth)
    {
        var items = PyOps.Iterate(iterable);
        if (loop.Filter is not null)
        {
            // jinja2 filters first, so loop.length/last/revindex count only the kept items.
            var kept = new List<object?>();
            foreach (var item in items)
            {
                Limits.Iteration();
                var probe = new Scope(scope);
                Assign(loop.Target, item, probe);
                if (PyOps.Truthy(Evaluate(loop.Filter, probe)))
                {
                    kept.Add(item);
                }
            }

            items = kept;
        }

        if (items.Count == 0)
        {
            if (loop.Else is not null)
            {
                Execute(loop.Else, scope);
            }

            return;
        }

        Func<object?, string>? recurse = loop.Recursive ? inner => RecurseLoop(loop, inner, scope, depth + 1) : null;
        for (var i = 0; i < items.Count; i++)
        {
            Limits.Iteration();
            var iteration = new Scope(scope);
            Assign(loop.Target, items[i], iteration);
            iteration.Vars["loop"] = new LoopContext(items, i, depth, recurse);
            if (Execute(loop.Body, iteration) == Flow.Break)
            {
                break;
            }
        }
    }

    private string RecurseLoop(ForNode loop, object? iterable, Scope scope, int depth)
    {
        Limits.CheckDepth(depth);
        var saved = _out;
        _out = new StringBuilder();
        try
        {
            RunLoop(loop, iterable, scope, depth);
            return _out.ToString();
        }
        finally
        {
            _out = saved;
        }
    }

    private void Assign(Expr target, object? value, Scope scope)
    {
        switch (target)
        {
            case NameExpr name:
                scope.Vars[name.Name] = value;
                break;
            case TupleExpr tuple:
                var items = PyOps.Iterate(value);
                if (items.Count != tuple.Items.Count)
                {
                    throw new TemplateRuntimeException(items.Count > tuple.Items.Count
                        ? $"too many values to unpack (expected {tuple.Items.Count})"
                        : $"not enough values to unpack (expected {tuple.Items.Count}, got {items.Count})");
                }

                for (var i = 0; i < items.Count; i++)
                {
                    Assign(tuple.Items[i], items[i], scope);
                }

                break;
            case GetAttrExpr { Target: NameExpr owner } attr:
                if (!scope.TryLookup(owner.Name, out var ns) || ns is not Namespace space)
                {
                    throw new TemplateRuntimeException("cannot assign attribute on non-namespace object");
                }

                space.Attributes[attr.Name] = value;
                break;
            default:
                throw new TemplateRuntimeException("can't assign to this expression");
        }
    }

    public object? InvokeMacro(
        string name, IReadOnlyList<MacroParam> parameters, IReadOnlyList<Node> body, Scope closure, CallArgs args, ICallable? caller)
    {
        Limits.CheckDepth(++_depth);
        try
        {
            var scope = new Scope(closure);
            var extra = new List<object?>();
            for (var i = 0; i < args.Positional.Count; i++)
            {
                if (i < parameters.Count)
                {
                    scope.Vars[parameters[i].Name] = args.Positional[i];
                }
                else
                {
                    extra.Add(args.Positional[i]);
                }
            }

            var kwargs = new PyDict();
            foreach (var (key, value) in args.Named)
            {
                if (parameters.Any(p => p.Name == key))
                {
                    scope.Vars[key] = value;
                }
                else
                {
                    kwargs[key] = value;
                }
            }

            foreach (var parameter in parameters.Where(p => !scope.Vars.ContainsKey(p.Name)))
            {
                scope.Vars[parameter.Name] = parameter.Default is null
                    ? new Undefined($"parameter '{parameter.Name}' was not provided")
                    : Evaluate(parameter.Default, scope);
            }

            scope.Vars["varargs"] = new PyTuple(extra);
            scope.Vars["kwargs"] = kwargs;
            if (caller is not null)
            {
                scope.Vars["caller"] = caller;
            }

            return Capture(body, scope);
        }
        finally
        {
            _depth--;
        }
    }

    private object? EvaluateCallBlock(CallBlockNode node, Scope scope)
    {
        var callee = Evaluate(node.Call.Callee, scope);
        var args = EvaluateArgs(node.Call.Args, scope);
        var caller = new BuiltinFunction("caller", (renderer, callerArgs) =>
            renderer.InvokeMacro("caller", node.CallerParams, node.Body, scope, callerArgs, caller: null));
        return callee switch
        {
            Macro macro => macro.CallWithCaller(this, args, caller),
            Undefined u => throw u.Error(),
            _ => throw new TemplateRuntimeException($"'{PyOps.TypeName(callee)}' object is not callable"),
        };
    }

    private object? ApplyFilters(IReadOnlyList<FilterCall> filters, object? value, Scope scope)
    {
        foreach (var filter in filters)
        {
            value = Filters.Apply(this, filter.Name, value, EvaluateArgs(filter.Args, scope));
        }

        return value;
    }
}
