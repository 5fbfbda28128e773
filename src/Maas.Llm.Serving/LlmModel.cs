using System.Globalization;
using Maas.Errors;
using Maas.Llm.Sampling;
using Maas.Llm.Serving.Prompts;
using Maas.Llm.Serving.Text;
using Maas.Tokenizers;

namespace Maas.Llm.Serving;

/// <summary>
/// A loaded text-generation version: its engine, tokenizer and chat template. The OpenAI routes get it from the
/// model lease; it is disposed (engine stopped, cache dropped) when the version unloads and the last request ends.
/// </summary>
public sealed class LlmModel : IDisposable
{
    private readonly ChatTemplate? _template;

    internal LlmModel(string name, int version, GenerationEngine engine, HfTokenizer tokenizer, ChatTemplate? template)
    {
        Name = name;
        Version = version;
        Engine = engine;
        Tokenizer = tokenizer;
        _template = template;
    }

    public string Name { get; }

    public int Version { get; }

    public GenerationEngine Engine { get; }

    public HfTokenizer Tokenizer { get; }

    public int ContextLength => Engine.Model.ContextLength;

    /// <summary>Whether the chat template reads <c>tools</c>.</summary>
    public bool TemplateTakesTools => _template?.TakesTools ?? false;

    /// <summary>Renders messages through the folder's chat template; 400 when the model has none.</summary>
    public string RenderChat(ChatPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var template = _template ?? throw new MaasException(
            ErrorKind.InvalidInput,
            $"model '{Name}' has no chat template (chat_template in tokenizer_config.json or chat_template.jinja); use /v1/completions")
        {
            Param = "messages",
        };
        return template.Render(prompt);
    }

    /// <summary>Prompt ids: chat prompts are tokenized without special tokens (the template wrote them), plain prompts with.</summary>
    public int[] Encode(string text, bool addSpecialTokens) => Tokenizer.Encode(text, addSpecialTokens).Ids;

    /// <summary>The text of one token as OpenAI's logprobs show it (special tokens kept).</summary>
    public string TokenText(int id) => Tokenizer.Decode([id], skipSpecialTokens: false);

    /// <summary>
    /// Admits one choice (validation, queue limits and the context check happen here, so they surface before any
    /// response is written) and returns its text stream. <paramref name="param"/> names the request field that holds
    /// the prompt, for the error body.
    /// </summary>
    public TextGeneration Start(int[] promptIds, SamplingParameters sampling, IReadOnlyList<string> stops, string param, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(promptIds);
        ArgumentNullException.ThrowIfNull(sampling);
        CheckContext(promptIds.Length, sampling.MaxTokens, param);
        IAsyncEnumerable<GeneratedToken> tokens;
        try
        {
            tokens = Engine.GenerateAsync(promptIds, sampling, cancellationToken);
        }
        catch (MaasException ex) when (ex.Kind == ErrorKind.InvalidInput && ex.Param is null)
        {
            throw new MaasException(ex.Kind, ex.Message, ex) { Param = param };
        }

        return new TextGeneration(tokens, Tokenizer.CreateStreamingDecoder(skipSpecialTokens: true), stops);
    }

    public void Dispose() => Engine.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void CheckContext(int promptTokens, int? maxTokens, string param)
    {
        if (promptTokens >= ContextLength)
        {
            throw new MaasException(ErrorKind.InvalidInput, string.Create(
                CultureInfo.InvariantCulture,
                $"this model's maximum context length is {ContextLength} tokens, but the prompt has {promptTokens} tokens, which leaves no room to generate"))
            {
                Param = param,
                Code = "context_length_exceeded",
            };
        }

        if (maxTokens is { } max && promptTokens + max > ContextLength)
        {
            // As vLLM: an explicit max_tokens that cannot fit is refused rather than silently cut.
            throw new MaasException(ErrorKind.InvalidInput, string.Create(
                CultureInfo.InvariantCulture,
                $"this model's maximum context length is {ContextLength} tokens, but {promptTokens + max} were requested ({promptTokens} in the prompt, {max} for the completion); reduce the prompt or max_tokens"))
            {
                Param = "max_tokens",
                Code = "context_length_exceeded",
            };
        }
    }
}
