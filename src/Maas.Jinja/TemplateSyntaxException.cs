namespace Maas.Jinja;

/// <summary>The template source is not valid Jinja (or uses a tag this interpreter does not support).</summary>
public sealed class TemplateSyntaxException : Exception
{
    public TemplateSyntaxException(string message, int line)
        : base($"{message} (line {line})")
    {
        Line = line;
        Reason = message;
    }

    public TemplateSyntaxException(string message, int line, Exception inner)
        : base($"{message} (line {line})", inner)
    {
        Line = line;
        Reason = message;
    }

    /// <summary>1-based line of the template where the error was found.</summary>
    public int Line { get; }

    /// <summary>The message without the line suffix.</summary>
    public string Reason { get; }
}
