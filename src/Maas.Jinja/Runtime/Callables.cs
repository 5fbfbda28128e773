namespace Maas.Jinja.Runtime;

/// <summary>Anything a template can call: globals, bound string/dict methods, macros, <c>loop.cycle</c>.</summary>
internal interface ICallable
{
    string Name { get; }

    object? Call(Renderer renderer, CallArgs args);
}

internal sealed class BuiltinFunction(string name, Func<Renderer, CallArgs, object?> body) : ICallable
{
    public string Name { get; } = name;

    public object? Call(Renderer renderer, CallArgs args) => body(renderer, args);
}

/// <summary>A Python method looked up on a value, e.g. <c>message.content.strip</c> or <c>tool.get</c>.</summary>
internal sealed class BoundMethod(object target, string name) : ICallable
{
    public object Target { get; } = target;

    public string Name { get; } = name;

    public object? Call(Renderer renderer, CallArgs args) => Methods.Invoke(renderer, Target, Name, args);
}
