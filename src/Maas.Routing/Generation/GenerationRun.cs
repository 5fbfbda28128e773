using Maas.Llm.Serving;
using Maas.Llm.Serving.Text;
using Maas.Runtime.Loading;

namespace Maas.Routing.Generation;

/// <summary>
/// A generation in flight: every choice already admitted, the version leased. Dispose when the answer is written (or
/// abandoned): whatever still runs is cancelled, its cache freed, the tokens metered to the caller, the lease released.
/// </summary>
public sealed class GenerationRun : IDisposable
{
    private readonly ChoiceSet _set;
    private readonly ModelLease _lease;
    private readonly Caller _caller;
    private int _disposed;

    internal GenerationRun(Caller caller, ModelLease lease, LlmModel model, IReadOnlyList<PreparedPrompt> prompts, ChoiceSet set)
    {
        _caller = caller;
        _lease = lease;
        _set = set;
        Model = model;
        Prompts = prompts;
    }

    /// <summary>The model serving the run (its tokenizer spells out logprob tokens).</summary>
    public LlmModel Model { get; }

    public IReadOnlyList<PreparedPrompt> Prompts { get; }

    /// <summary>Choices in answer order: choice i of prompt p has index p*n+i, as vLLM numbers them.</summary>
    public IReadOnlyList<Choice> Choices => _set.Choices;

    /// <summary>Prompt tokens, counted once per prompt whatever n is.</summary>
    public int PromptTokens => _set.PromptTokens;

    public int CompletionTokens => _set.CompletionTokens;

    /// <summary>Runs every choice to its end (non-streaming answers).</summary>
    public Task<ChoiceResult[]> CollectAsync() => _set.CollectAsync();

    /// <summary>The deltas of all choices as they come, interleaved (streaming answers).</summary>
    public IAsyncEnumerable<(Choice Choice, TextDelta Delta)> StreamAsync(CancellationToken cancellationToken = default) =>
        _set.StreamAsync(cancellationToken);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _set.Dispose();
        _caller.AddUsage(inputTokens: _set.PromptTokens, outputTokens: _set.CompletionTokens);
        _lease.Dispose();
    }
}
