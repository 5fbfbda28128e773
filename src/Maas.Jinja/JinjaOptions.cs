namespace Maas.Jinja;

/// <summary>Per-render settings: the clock behind <c>strftime_now</c> and the limits that keep a hostile template in check.</summary>
public sealed record JinjaOptions
{
    public static JinjaOptions Default { get; } = new();

    /// <summary>Clock for <c>strftime_now</c> (local time, as Python's <c>datetime.now()</c>).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Largest rendered output, and largest string a template may build, in UTF-16 chars.</summary>
    public int MaxOutputLength { get; init; } = 1_000_000;

    /// <summary>Total loop iterations across the whole render (nested loops count every inner pass).</summary>
    public long MaxLoopIterations { get; init; } = 1_000_000;

    /// <summary>Deepest nesting of macro calls (recursive macros) and recursive loops.</summary>
    public int MaxCallDepth { get; init; } = 64;

    /// <summary>
    /// Total chars of every string produced while rendering (output, concatenations, joins, captured blocks).
    /// Bounds the work of templates that rebuild big strings in a loop without ever printing them.
    /// </summary>
    public long MaxWorkChars { get; init; } = 64_000_000;
}
