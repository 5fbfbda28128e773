namespace Maas.Jinja;

/// <summary>
/// Rendering failed: an undefined value was used, a type error, a safety limit was hit, or the template
/// called <c>raise_exception(message)</c>. The message is kept bare (no line suffix) because
/// <c>raise_exception</c> texts are meant for the API caller verbatim.
/// </summary>
public sealed class TemplateRuntimeException : Exception
{
    public TemplateRuntimeException(string message)
        : base(message)
    {
    }

    public TemplateRuntimeException(string message, Exception inner)
        : base(message, inner)
    {
    }

    internal TemplateRuntimeException(string message, int? line, bool raisedByTemplate, Exception? inner = null)
        : base(message, inner)
    {
        Line = line;
        RaisedByTemplate = raisedByTemplate;
    }

    /// <summary>1-based template line of the statement that failed, when known.</summary>
    public int? Line { get; }

    /// <summary>True when the template itself called <c>raise_exception</c>.</summary>
    public bool RaisedByTemplate { get; }

    internal TemplateRuntimeException WithLine(int line) =>
        Line is null ? new TemplateRuntimeException(Message, line, RaisedByTemplate, InnerException) : this;
}
