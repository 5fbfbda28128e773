using Maas.Jinja.Runtime;
using Maas.Jinja.Syntax;

namespace Maas.Jinja;

/// <summary>
/// A parsed Jinja2 template rendered the way Hugging Face <c>apply_chat_template</c> renders chat templates:
/// <c>trim_blocks</c> and <c>lstrip_blocks</c> on, loop controls, <c>raise_exception</c>, <c>strftime_now</c> and a
/// Python-<c>json.dumps</c> <c>tojson</c>. Immutable and safe to render from many threads.
/// </summary>
public sealed class JinjaTemplate
{
    private readonly IReadOnlyList<Node> _body;

    private JinjaTemplate(IReadOnlyList<Node> body) => _body = body;

    /// <summary>Parses template source; throws <see cref="TemplateSyntaxException"/> with the line on error.</summary>
    public static JinjaTemplate Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            return new JinjaTemplate(Parser.Parse(source));
        }
        catch (TemplateSyntaxException)
        {
            throw;
        }
        catch (InsufficientExecutionStackException e)
        {
            throw new TemplateSyntaxException("template is nested too deeply", 1, e);
        }
        catch (Exception e)
        {
            // Any other failure is a bug of ours, but untrusted input must still only see the documented type.
            throw new TemplateSyntaxException("template could not be parsed: " + e.Message, 1, e);
        }
    }

    /// <summary>Renders with default options; throws <see cref="TemplateRuntimeException"/> on any failure.</summary>
    public string Render(IReadOnlyDictionary<string, object?> context) => Render(context, JinjaOptions.Default);

    /// <summary>Renders with explicit options (clock, limits).</summary>
    public string Render(IReadOnlyDictionary<string, object?> context, JinjaOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return new Renderer(options, context).Render(_body);
        }
        catch (TemplateRuntimeException)
        {
            throw;
        }
        catch (InsufficientExecutionStackException e)
        {
            throw new TemplateRuntimeException("template recursion is too deep", e);
        }
        catch (Exception e)
        {
            throw new TemplateRuntimeException("template rendering failed: " + e.Message, e);
        }
    }
}
