using System.Text.Json;
using Maas.Errors;
using Maas.Jinja;

namespace Maas.Llm.Serving.Prompts;

/// <summary>
/// A model's chat template (<c>chat_template</c> of tokenizer_config.json, else <c>chat_template.jinja</c>), parsed
/// once at load, plus the special tokens every render gets as variables, as <c>apply_chat_template</c> passes them.
/// </summary>
internal sealed class ChatTemplate
{
    private static readonly string[] SpecialTokenNames = ["bos_token", "eos_token", "unk_token", "pad_token", "sep_token", "cls_token", "mask_token"];

    private readonly JinjaTemplate _template;
    private readonly Dictionary<string, object?> _specialTokens;

    private ChatTemplate(JinjaTemplate template, Dictionary<string, object?> specialTokens, bool takesTools)
    {
        _template = template;
        _specialTokens = specialTokens;
        TakesTools = takesTools;
    }

    /// <summary>Whether the template mentions <c>tools</c> at all; a request with tools and a template without them is refused.</summary>
    public bool TakesTools { get; }

    /// <summary>
    /// The folder's template, or null when it has none; a template that does not parse is a 422 naming the line.
    /// <paramref name="tokenizerConfig"/> holds the string settings of tokenizer_config.json (the special tokens).
    /// </summary>
    public static ChatTemplate? Load(string modelPath, IReadOnlyDictionary<string, string> tokenizerConfig)
    {
        var source = ReadSource(Path.Combine(modelPath, "tokenizer_config.json"));
        var jinjaFile = Path.Combine(modelPath, "chat_template.jinja");
        if (source is null && File.Exists(jinjaFile))
        {
            source = File.ReadAllText(jinjaFile);
        }

        if (source is null)
        {
            return null;
        }

        JinjaTemplate template;
        try
        {
            template = JinjaTemplate.Parse(source);
        }
        catch (TemplateSyntaxException ex)
        {
            throw MaasException.InvalidModel($"the chat template does not parse (line {ex.Line}): {ex.Reason}", ex);
        }

        var tokens = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var name in SpecialTokenNames)
        {
            tokens[name] = tokenizerConfig.GetValueOrDefault(name);
        }

        return new ChatTemplate(template, tokens, source.Contains("tools", StringComparison.Ordinal));
    }

    /// <summary><c>chat_template</c> is a string, or a list of named templates of which <c>default</c> is the one for plain chat.</summary>
    private static string? ReadSource(string configPath)
    {
        if (!File.Exists(configPath))
        {
            return null;
        }

        try
        {
            using var config = JsonDocument.Parse(File.ReadAllBytes(configPath), new JsonDocumentOptions { AllowTrailingCommas = true });
            if (config.RootElement.ValueKind != JsonValueKind.Object || !config.RootElement.TryGetProperty("chat_template", out var value))
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }

            if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (var named in value.EnumerateArray())
                {
                    if (named.ValueKind == JsonValueKind.Object
                        && named.TryGetProperty("name", out var name) && name.ValueEquals("default")
                        && named.TryGetProperty("template", out var template) && template.ValueKind == JsonValueKind.String)
                    {
                        return template.GetString();
                    }
                }
            }

            return null;
        }
        catch (JsonException ex)
        {
            throw MaasException.InvalidModel("tokenizer_config.json is not valid JSON: " + ex.Message, ex);
        }
    }

    /// <summary>
    /// Renders the conversation. A template failure is the request's fault in practice (a role the template refuses
    /// through <c>raise_exception</c>, a missing field), so it becomes a 400 with the template's own words.
    /// </summary>
    public string Render(ChatPrompt prompt)
    {
        var context = new Dictionary<string, object?>(_specialTokens, StringComparer.Ordinal)
        {
            ["messages"] = prompt.Messages,
            ["add_generation_prompt"] = prompt.AddGenerationPrompt,
        };
        if (prompt.Tools is { } tools)
        {
            context["tools"] = tools;
        }

        if (prompt.TemplateArguments is { ValueKind: JsonValueKind.Object } extra)
        {
            foreach (var property in extra.EnumerateObject())
            {
                context[property.Name] = JinjaValue.FromJson(property.Value);
            }
        }

        try
        {
            return _template.Render(context);
        }
        catch (TemplateRuntimeException ex)
        {
            throw new MaasException(ErrorKind.InvalidInput, "the model's chat template failed on these messages: " + ex.Message, ex)
            {
                Param = "messages",
            };
        }
    }
}
