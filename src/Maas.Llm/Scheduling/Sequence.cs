using System.Threading.Channels;
using Maas.Llm.Caching;
using Maas.Llm.Sampling;

namespace Maas.Llm.Scheduling;

/// <summary>Called with the raw logits a sequence samples from; a test hook to compare against reference logits.</summary>
internal delegate void LogitsObserver(ReadOnlySpan<float> logits);

/// <summary>
/// One request's live state: its tokens (prompt then generated), its cache once admitted, its sampler and the
/// channel its tokens stream through. Tokens not yet in the cache are the ones the next forward pass feeds:
/// the rest of the prompt while prefilling, then exactly the last generated token.
/// </summary>
internal sealed class Sequence
{
    private readonly int[] _tokens;
    private readonly HashSet<int> _stopIds;

    public Sequence(long id, int[] promptIds, int maxNewTokens, IEnumerable<int> stopIds, TokenSampler sampler, DateTimeOffset arrivedAt)
    {
        Id = id;
        PromptLength = promptIds.Length;
        MaxNewTokens = maxNewTokens;
        _tokens = new int[promptIds.Length + maxNewTokens];
        promptIds.CopyTo(_tokens, 0);
        TokenCount = promptIds.Length;
        _stopIds = [.. stopIds];
        Sampler = sampler;
        ArrivedAt = arrivedAt;
    }

    public long Id { get; }

    public int PromptLength { get; }

    public int MaxNewTokens { get; }

    /// <summary>Prompt plus generated tokens.</summary>
    public int TokenCount { get; private set; }

    /// <summary>Cache positions this sequence can ever need: every token but the last generated one is fed back.</summary>
    public int ReservedTokens => PromptLength + MaxNewTokens - 1;

    public TokenSampler Sampler { get; }

    public DateTimeOffset ArrivedAt { get; }

    public Channel<GeneratedToken> Output { get; } = Channel.CreateUnbounded<GeneratedToken>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    public SequenceKvCache? Cache { get; set; }

    public bool IsFinished { get; set; }

    public LogitsObserver? Observer { get; init; }

    /// <summary>Tokens fed so far (0 before admission).</summary>
    public int CachedTokens => Cache?.Length ?? 0;

    public int PendingTokens => TokenCount - CachedTokens;

    public bool IsPrefilling => CachedTokens < PromptLength;

    public ArraySegment<int> PendingSlice(int count) => new(_tokens, CachedTokens, count);

    /// <summary>Appends a sampled token and says whether it ends the sequence; a stop token wins over the length limit.</summary>
    public FinishReason? Accept(int tokenId)
    {
        _tokens[TokenCount++] = tokenId;
        if (_stopIds.Contains(tokenId))
        {
            return FinishReason.Stop;
        }

        return TokenCount - PromptLength >= MaxNewTokens ? FinishReason.Length : null;
    }
}
