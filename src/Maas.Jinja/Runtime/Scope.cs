namespace Maas.Jinja.Runtime;

/// <summary>
/// A variable frame. Loop iterations and macro calls get a child frame, so <c>{% set %}</c> inside them does not leak
/// out (jinja2's scoping, the reason templates use <c>namespace()</c>); <c>if</c> shares its parent's frame.
/// </summary>
internal sealed class Scope(Scope? parent)
{
    public Dictionary<string, object?> Vars { get; } = new(StringComparer.Ordinal);

    public bool TryLookup(string name, out object? value)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope.Vars.TryGetValue(name, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    private Scope? Parent { get; } = parent;
}
