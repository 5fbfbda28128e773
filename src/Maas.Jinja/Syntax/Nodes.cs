namespace Maas.Jinja.Syntax;

/// <summary>A statement of the template body. Every node keeps its source line for error messages.</summary>
internal abstract record Node(int Line);

internal sealed record TextNode(string Text, int Line) : Node(Line);

internal sealed record OutputNode(Expr Value, int Line) : Node(Line);

internal sealed record IfBranch(Expr Test, IReadOnlyList<Node> Body);

internal sealed record IfNode(IReadOnlyList<IfBranch> Branches, IReadOnlyList<Node>? Else, int Line) : Node(Line);

internal sealed record ForNode(
    Expr Target, Expr Iterable, Expr? Filter, bool Recursive, IReadOnlyList<Node> Body, IReadOnlyList<Node>? Else, int Line)
    : Node(Line);

/// <summary><c>{% set target = value %}</c>; the target is a name, a tuple of names or <c>ns.attr</c>.</summary>
internal sealed record SetNode(Expr Target, Expr Value, int Line) : Node(Line);

/// <summary><c>{% set x | filters %}body{% endset %}</c>.</summary>
internal sealed record SetBlockNode(Expr Target, IReadOnlyList<FilterCall> Filters, IReadOnlyList<Node> Body, int Line) : Node(Line);

internal sealed record MacroParam(string Name, Expr? Default);

internal sealed record MacroNode(string Name, IReadOnlyList<MacroParam> Params, IReadOnlyList<Node> Body, int Line) : Node(Line);

/// <summary><c>{% call(params) macro(args) %}body{% endcall %}</c>: the body becomes <c>caller()</c> inside the macro.</summary>
internal sealed record CallBlockNode(CallExpr Call, IReadOnlyList<MacroParam> CallerParams, IReadOnlyList<Node> Body, int Line)
    : Node(Line);

internal sealed record FilterBlockNode(IReadOnlyList<FilterCall> Filters, IReadOnlyList<Node> Body, int Line) : Node(Line);

/// <summary>transformers' <c>{% generation %}</c> marks assistant text for masks; rendering just emits the body.</summary>
internal sealed record GenerationNode(IReadOnlyList<Node> Body, int Line) : Node(Line);

internal sealed record BreakNode(int Line) : Node(Line);

internal sealed record ContinueNode(int Line) : Node(Line);
