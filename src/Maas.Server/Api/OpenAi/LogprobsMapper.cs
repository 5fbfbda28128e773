using System.Text;
using Maas.Llm;
using Maas.Llm.Serving;

namespace Maas.Server.Api.OpenAi;

/// <summary>Engine logprobs in OpenAI's two shapes: chat's <c>content[]</c> and the legacy completions columns.</summary>
internal static class LogprobsMapper
{
    // JSON has no -Infinity; vLLM writes this for tokens the filters ruled out.
    private const float Floor = -9999f;

    public static ChatLogprobs Chat(LlmModel model, IReadOnlyList<GeneratedToken> tokens)
    {
        var content = new List<ChatTokenLogprob>(tokens.Count);
        foreach (var token in tokens)
        {
            var text = model.TokenText(token.Id);
            var top = new List<ChatTopLogprob>();
            foreach (var alternative in token.TopLogprobs ?? [])
            {
                var altText = model.TokenText(alternative.Id);
                top.Add(new ChatTopLogprob(altText, Finite(alternative.Logprob), Bytes(altText)));
            }

            content.Add(new ChatTokenLogprob(text, Finite(token.Logprob ?? 0), Bytes(text), top));
        }

        return new ChatLogprobs(content);
    }

    /// <summary>Legacy shape; <paramref name="offset"/> is the choice's text length so far and advances with each token.</summary>
    public static CompletionLogprobs Completion(LlmModel model, IReadOnlyList<GeneratedToken> tokens, ref int offset)
    {
        var texts = new List<string>(tokens.Count);
        var logprobs = new List<float>(tokens.Count);
        var tops = new List<Dictionary<string, float>>(tokens.Count);
        var offsets = new List<int>(tokens.Count);
        foreach (var token in tokens)
        {
            var text = model.TokenText(token.Id);
            texts.Add(text);
            logprobs.Add(Finite(token.Logprob ?? 0));
            var top = new Dictionary<string, float>(StringComparer.Ordinal);
            foreach (var alternative in token.TopLogprobs ?? [])
            {
                top.TryAdd(model.TokenText(alternative.Id), Finite(alternative.Logprob));
            }

            tops.Add(top);
            offsets.Add(offset);
            offset += text.Length;
        }

        return new CompletionLogprobs(texts, logprobs, tops, offsets);
    }

    private static float Finite(float value) => float.IsFinite(value) ? value : Floor;

    private static int[] Bytes(string text) => [.. Encoding.UTF8.GetBytes(text).Select(b => (int)b)];
}
