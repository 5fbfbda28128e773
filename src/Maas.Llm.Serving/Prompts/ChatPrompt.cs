using System.Globalization;
using System.Text;
using System.Text.Json;
using Maas.Errors;
using Maas.Jinja;

namespace Maas.Llm.Serving.Prompts;

/// <summary>
/// What a chat request contributes to the template: the messages as plain values (text parts joined into one string,
/// since these models read text only), the tools, and the template switches.
/// </summary>
public sealed class ChatPrompt
{
    private ChatPrompt(List<object?> messages, object? tools, bool addGenerationPrompt, JsonElement? templateArguments)
    {
        Messages = messages;
        Tools = tools;
        AddGenerationPrompt = addGenerationPrompt;
        TemplateArguments = templateArguments;
    }

    internal List<object?> Messages { get; }

    internal object? Tools { get; }

    /// <summary>Whether the request sent tools (the model's template must then take them).</summary>
    public bool HasTools => Tools is not null;

    internal bool AddGenerationPrompt { get; }

    internal JsonElement? TemplateArguments { get; }

    /// <summary>Checks and converts OpenAI <c>messages</c>; throws a 400 with <c>param</c> naming the bad message.</summary>
    public static ChatPrompt From(JsonElement messages, JsonElement? tools, bool addGenerationPrompt, JsonElement? templateArguments)
    {
        if (messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            throw Invalid("messages", "'messages' must be a non-empty array of {role, content} objects");
        }

        var list = new List<object?>(messages.GetArrayLength());
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var param = string.Create(CultureInfo.InvariantCulture, $"messages[{index}]");
            if (message.ValueKind != JsonValueKind.Object
                || !message.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
            {
                throw Invalid(param, $"{param} must be an object with a string 'role'");
            }

            var converted = (Dictionary<string, object?>)JinjaValue.FromJson(message)!;
            if (message.TryGetProperty("content", out var content))
            {
                converted["content"] = Content(content, param);
            }

            list.Add(converted);
            index++;
        }

        object? toolValues = null;
        if (tools is { ValueKind: not JsonValueKind.Null } t)
        {
            toolValues = t.ValueKind == JsonValueKind.Array
                ? JinjaValue.FromJson(t)
                : throw Invalid("tools", "'tools' must be an array of {type: \"function\", function: {...}} objects");
        }

        return new ChatPrompt(list, toolValues, addGenerationPrompt, templateArguments);
    }

    private static string? Content(JsonElement content, string param)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString();
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
                    {
                        throw Invalid(param + ".content", $"{param}.content parts must be objects with a 'type'");
                    }

                    if (type.GetString() != "text" || !part.TryGetProperty("text", out var value) || value.ValueKind != JsonValueKind.String)
                    {
                        throw Invalid(param + ".content", $"{param}.content: only text parts ({{\"type\": \"text\", \"text\": ...}}) are supported by this model, got '{type.GetString()}'");
                    }

                    text.Append(value.GetString());
                }

                return text.ToString();
            default:
                throw Invalid(param + ".content", $"{param}.content must be a string or an array of text parts");
        }
    }

    private static MaasException Invalid(string param, string message) => new(ErrorKind.InvalidInput, message) { Param = param };
}
