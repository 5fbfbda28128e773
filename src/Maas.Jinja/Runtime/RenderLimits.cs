namespace Maas.Jinja.Runtime;

/// <summary>Per-render budgets that stop a hostile template: string size, total string work, loop passes, call depth.</summary>
internal sealed class RenderLimits(JinjaOptions options)
{
    private long _workChars;
    private long _iterations;

    public int MaxOutputLength => options.MaxOutputLength;

    /// <summary>Checks a string about to be created and charges it to the work budget.</summary>
    public void Produce(long length)
    {
        if (length > options.MaxOutputLength)
        {
            throw new TemplateRuntimeException(
                $"template produced a string of {length} chars, over the limit of {options.MaxOutputLength}");
        }

        _workChars += length;
        if (_workChars > options.MaxWorkChars)
        {
            throw new TemplateRuntimeException(
                $"template built more than {options.MaxWorkChars} chars of strings while rendering");
        }
    }

    public string Produced(string value)
    {
        Produce(value.Length);
        return value;
    }

    public void Iteration()
    {
        if (++_iterations > options.MaxLoopIterations)
        {
            throw new TemplateRuntimeException($"template ran more than {options.MaxLoopIterations} loop iterations");
        }
    }

    public void CheckDepth(int depth)
    {
        if (depth > options.MaxCallDepth)
        {
            throw new TemplateRuntimeException($"template recursion is deeper than {options.MaxCallDepth} calls");
        }
    }
}
