namespace Maas.Llm;

/// <summary>
/// One generated token as the engine streams it. <see cref="Finish"/> is set on the last token of a sequence only.
/// <see cref="Logprob"/> and <see cref="TopLogprobs"/> are filled when the request asked for logprobs; they are the
/// log-softmax of the distribution actually sampled from (after penalties, temperature and filters).
/// </summary>
public readonly record struct GeneratedToken(int Id, float? Logprob, IReadOnlyList<TokenLogprob>? TopLogprobs, FinishReason? Finish);

/// <summary>A candidate token and its log-probability.</summary>
public readonly record struct TokenLogprob(int Id, float Logprob);

/// <summary>Why a sequence ended; maps onto OpenAI's <c>finish_reason</c>.</summary>
public enum FinishReason
{
    /// <summary>A stop token (an eos id of the model or one of the request's stop ids) was produced; it is the last token.</summary>
    Stop,

    /// <summary>The request's max tokens were produced, or the model's context is full.</summary>
    Length,
}
