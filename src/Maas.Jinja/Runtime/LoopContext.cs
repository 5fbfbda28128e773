namespace Maas.Jinja.Runtime;

/// <summary>The <c>loop</c> variable of one iteration; calling it (<c>loop(children)</c>) recurses in a recursive loop.</summary>
internal sealed class LoopContext(IReadOnlyList<object?> items, int index, int depth, Func<object?, string>? recurse) : ICallable
{
    public string Name => "loop";

    public object? GetAttribute(string name) => name switch
    {
        "index" => (long)index + 1,
        "index0" => (long)index,
        "revindex" => (long)(items.Count - index),
        "revindex0" => (long)(items.Count - index - 1),
        "first" => index == 0,
        "last" => index == items.Count - 1,
        "length" => (long)items.Count,
        "depth" => (long)depth,
        "depth0" => (long)depth - 1,
        "previtem" => index > 0 ? items[index - 1] : new Undefined("there is no previous item"),
        "nextitem" => index < items.Count - 1 ? items[index + 1] : new Undefined("there is no next item"),
        "cycle" => new BuiltinFunction("cycle", (_, args) => args.Positional.Count == 0
            ? throw new TemplateRuntimeException("no items for cycling given")
            : args.Positional[index % args.Positional.Count]),
        _ => new Undefined($"'LoopContext object' has no attribute '{name}'"),
    };

    public object? Call(Renderer renderer, CallArgs args)
    {
        if (recurse is null)
        {
            throw new TemplateRuntimeException("Tried to call non recursive loop. Maybe you forgot the 'recursive' modifier.");
        }

        if (args.Positional.Count != 1 || args.Named.Count != 0)
        {
            throw new TemplateRuntimeException("loop() takes exactly one argument");
        }

        return recurse(args.Positional[0]);
    }
}
