using System.Runtime.CompilerServices;
using Maas.Jinja.Syntax;

namespace Maas.Jinja.Runtime;

/// <summary>Expression evaluation.</summary>
internal sealed partial class Renderer
{
    private object? Evaluate(Expr expr, Scope scope)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (expr)
        {
            case ConstExpr constant:
                return constant.Value;
            case NameExpr name:
                return scope.TryLookup(name.Name, out var value) ? value : new Undefined($"'{name.Name}' is undefined");
            case ListExpr list:
                return list.Items.Select(item => Evaluate(item, scope)).ToList();
            case TupleExpr tuple:
                return new PyTuple(tuple.Items.Select(item => Evaluate(item, scope)).ToList());
            case DictExpr dict:
                var result = new PyDict();
                foreach (var (keyExpr, valueExpr) in dict.Pairs)
                {
                    var key = Evaluate(keyExpr, scope);
                    if (key is null || key is Undefined || !PyOps.IsHashable(key))
                    {
                        throw new TemplateRuntimeException($"unsupported dict key of type '{PyOps.TypeName(key)}'");
                    }

                    result[key] = Evaluate(valueExpr, scope);
                }

                return result;
            case GetAttrExpr attr:
                return Access.GetAttr(Evaluate(attr.Target, scope), attr.Name);
            case GetItemExpr { Key: SliceExpr slice } item:
                return Access.Slice(
                    Evaluate(item.Target, scope), EvaluateOptional(slice.Start, scope), EvaluateOptional(slice.Stop, scope),
                    EvaluateOptional(slice.Step, scope));
            case GetItemExpr item:
                return Access.GetItem(Evaluate(item.Target, scope), Evaluate(item.Key, scope));
            case CallExpr call:
                return Call(Evaluate(call.Callee, scope), EvaluateArgs(call.Args, scope));
            case FilterExpr filter:
                return Filters.Apply(this, filter.Filter.Name, Evaluate(filter.Target, scope), EvaluateArgs(filter.Filter.Args, scope));
            case TestExpr test:
                return Tests.Apply(this, test.Name, Evaluate(test.Target, scope), EvaluateArgs(test.Args, scope)) != test.Negated;
            case UnaryExpr { Op: "not" } not:
                return !PyOps.Truthy(Evaluate(not.Operand, scope));
            case UnaryExpr unary:
                return PyArith.Negate(Evaluate(unary.Operand, scope), unary.Op == "-");
            case BinaryExpr binary:
                return EvaluateBinary(binary, scope);
            case CompareExpr compare:
                return EvaluateCompare(compare, scope);
            case CondExpr conditional:
                if (PyOps.Truthy(Evaluate(conditional.Test, scope)))
                {
                    return Evaluate(conditional.Then, scope);
                }

                return conditional.Else is null
                    ? new Undefined("the inline if-expression evaluated to false and no else section was defined")
                    : Evaluate(conditional.Else, scope);
            default:
                throw new TemplateRuntimeException($"unsupported expression {expr.GetType().Name}");
        }
    }

    private object? EvaluateOptional(Expr? expr, Scope scope) => expr is null ? null : Evaluate(expr, scope);

    private object? EvaluateBinary(BinaryExpr binary, Scope scope)
    {
        var left = Evaluate(binary.Left, scope);
        switch (binary.Op)
        {
            // Python's and/or return an operand, not a bool.
            case "and":
                return PyOps.Truthy(left) ? Evaluate(binary.Right, scope) : left;
            case "or":
                return PyOps.Truthy(left) ? left : Evaluate(binary.Right, scope);
            case "~":
                var a = PyFormat.Str(left);
                var b = PyFormat.Str(Evaluate(binary.Right, scope));
                Limits.Produce((long)a.Length + b.Length);
                return a + b;
            default:
                return PyArith.Binary(binary.Op, left, Evaluate(binary.Right, scope), Limits);
        }
    }

    private bool EvaluateCompare(CompareExpr compare, Scope scope)
    {
        var left = Evaluate(compare.First, scope);
        foreach (var (op, rightExpr) in compare.Rest)
        {
            var right = Evaluate(rightExpr, scope);
            if (!CompareOnce(op, left, right))
            {
                return false;
            }

            left = right;
        }

        return true;
    }

    public static bool CompareOnce(string op, object? left, object? right) => op switch
    {
        "==" => PyOps.Equal(left, right),
        "!=" => !PyOps.Equal(left, right),
        "<" => PyOps.Compare(left, right, op) < 0,
        "<=" => PyOps.Compare(left, right, op) <= 0,
        ">" => PyOps.Compare(left, right, op) > 0,
        ">=" => PyOps.Compare(left, right, op) >= 0,
        "in" => PyOps.Contains(right, left),
        "notin" => !PyOps.Contains(right, left),
        _ => throw new TemplateRuntimeException($"unknown comparison {op}"),
    };

    private CallArgs EvaluateArgs(Arguments args, Scope scope)
    {
        if (args.Positional.Count == 0 && args.Named.Count == 0)
        {
            return CallArgs.Empty;
        }

        return new CallArgs(
            args.Positional.Select(a => Evaluate(a, scope)).ToList(),
            args.Named.Select(kv => new KeyValuePair<string, object?>(kv.Key, Evaluate(kv.Value, scope))).ToList());
    }

    public object? Call(object? callee, CallArgs args) => callee switch
    {
        ICallable callable => callable.Call(this, args),
        Undefined u => throw u.Error(),
        _ => throw new TemplateRuntimeException($"'{PyOps.TypeName(callee)}' object is not callable"),
    };
}
