namespace Maas.Jinja.Syntax;

/// <summary>An expression inside <c>{{ }}</c> or a statement.</summary>
internal abstract record Expr(int Line);

internal sealed record ConstExpr(object? Value, int Line) : Expr(Line);

internal sealed record NameExpr(string Name, int Line) : Expr(Line);

internal sealed record ListExpr(IReadOnlyList<Expr> Items, int Line) : Expr(Line);

internal sealed record TupleExpr(IReadOnlyList<Expr> Items, int Line) : Expr(Line);

internal sealed record DictExpr(IReadOnlyList<KeyValuePair<Expr, Expr>> Pairs, int Line) : Expr(Line);

internal sealed record GetAttrExpr(Expr Target, string Name, int Line) : Expr(Line);

internal sealed record GetItemExpr(Expr Target, Expr Key, int Line) : Expr(Line);

/// <summary>Only valid as the key of <see cref="GetItemExpr"/>.</summary>
internal sealed record SliceExpr(Expr? Start, Expr? Stop, Expr? Step, int Line) : Expr(Line);

internal sealed record Arguments(IReadOnlyList<Expr> Positional, IReadOnlyList<KeyValuePair<string, Expr>> Named)
{
    public static Arguments None { get; } = new([], []);
}

internal sealed record CallExpr(Expr Callee, Arguments Args, int Line) : Expr(Line);

internal sealed record FilterCall(string Name, Arguments Args, int Line);

internal sealed record FilterExpr(Expr Target, FilterCall Filter, int Line) : Expr(Line);

internal sealed record TestExpr(Expr Target, string Name, Arguments Args, bool Negated, int Line) : Expr(Line);

/// <summary>Unary <c>-</c>, <c>+</c> and <c>not</c>.</summary>
internal sealed record UnaryExpr(string Op, Expr Operand, int Line) : Expr(Line);

/// <summary>Arithmetic, <c>~</c>, and the short-circuit <c>and</c>/<c>or</c>.</summary>
internal sealed record BinaryExpr(string Op, Expr Left, Expr Right, int Line) : Expr(Line);

/// <summary>A chained comparison <c>a &lt; b &lt;= c</c>; ops include <c>in</c> and <c>notin</c>.</summary>
internal sealed record CompareExpr(Expr First, IReadOnlyList<KeyValuePair<string, Expr>> Rest, int Line) : Expr(Line);

internal sealed record CondExpr(Expr Test, Expr Then, Expr? Else, int Line) : Expr(Line);
