using Maas.Jinja.Syntax;

namespace Maas.Jinja.Runtime;

/// <summary>A macro defined with <c>{% macro %}</c>, closed over the frame it was defined in.</summary>
internal sealed class Macro(MacroNode node, Scope closure) : ICallable
{
    public string Name => node.Name;

    public object? Call(Renderer renderer, CallArgs args) => renderer.InvokeMacro(node.Name, node.Params, node.Body, closure, args, caller: null);

    public object? CallWithCaller(Renderer renderer, CallArgs args, ICallable caller) =>
        renderer.InvokeMacro(node.Name, node.Params, node.Body, closure, args, caller);
}
