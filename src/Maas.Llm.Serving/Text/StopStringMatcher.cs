namespace Maas.Llm.Serving.Text;

/// <summary>
/// Finds stop strings in streamed text, which may span tokens. Text that could still turn out to be the start of a
/// stop string is held back, so a stop string is never emitted, not even in part; the held text is released as
/// soon as it can no longer match.
/// </summary>
internal sealed class StopStringMatcher(IReadOnlyList<string> stops)
{
    private string _pending = "";

    /// <summary>Adds decoded text; returns what is safe to emit. On a match, returns the text before it and sets <paramref name="stopped"/>.</summary>
    public string Push(string text, out bool stopped)
    {
        stopped = false;
        if (stops.Count == 0)
        {
            return text;
        }

        _pending += text;
        var cut = -1;
        foreach (var stop in stops)
        {
            var at = _pending.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (cut < 0 || at < cut))
            {
                cut = at;
            }
        }

        if (cut >= 0)
        {
            stopped = true;
            var before = _pending[..cut];
            _pending = "";
            return before;
        }

        var hold = HeldTailLength();
        var emit = _pending[..^hold];
        _pending = _pending[^hold..];
        return emit;
    }

    /// <summary>The held text, for the end of the sequence (it did not become a stop string).</summary>
    public string Flush()
    {
        var rest = _pending;
        _pending = "";
        return rest;
    }

    /// <summary>The longest tail of the pending text that is a proper prefix of some stop string.</summary>
    private int HeldTailLength()
    {
        var longest = 0;
        foreach (var stop in stops)
        {
            for (var k = Math.Min(stop.Length - 1, _pending.Length); k > longest; k--)
            {
                if (_pending.AsSpan(_pending.Length - k).SequenceEqual(stop.AsSpan(0, k)))
                {
                    longest = k;
                    break;
                }
            }
        }

        return longest;
    }
}
