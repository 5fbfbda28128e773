using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Maas.Llm;
using Maas.Llm.Sampling;
using Maas.Llm.Serving;
using Maas.Llm.Serving.Text;

namespace Maas.Routing.Generation;

/// <summary>
/// Every choice of one request (prompts × n), admitted together before the response starts so queue and context
/// errors are still plain 4xx answers. Each choice is its own engine sequence (seed + i), batched with everything
/// else. Disposing cancels whatever still runs, which frees the cache of an abandoned request.
/// </summary>
internal sealed class ChoiceSet : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly List<Choice> _choices = [];

    private ChoiceSet(CancellationToken aborted) => _cancel = CancellationTokenSource.CreateLinkedTokenSource(aborted);

    public IReadOnlyList<Choice> Choices => _choices;

    public int PromptTokens { get; private set; }

    public int CompletionTokens => _choices.Sum(c => c.Generation.CompletionTokens);

    public static ChoiceSet Start(
        LlmModel model,
        IReadOnlyList<int[]> prompts,
        int n,
        Func<int[], SamplingParameters> sampling,
        IReadOnlyList<string> stops,
        string promptParam,
        CancellationToken aborted)
    {
        var set = new ChoiceSet(aborted);
        try
        {
            for (var p = 0; p < prompts.Count; p++)
            {
                var parameters = sampling(prompts[p]);
                set.PromptTokens += prompts[p].Length;
                for (var i = 0; i < n; i++)
                {
                    var seeded = parameters.Seed is { } seed ? parameters with { Seed = unchecked(seed + i) } : parameters;
                    var generation = model.Start(prompts[p], seeded, stops, promptParam, set._cancel.Token);
                    set._choices.Add(new Choice((p * n) + i, p, generation));
                }
            }

            return set;
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    /// <summary>Runs every choice to its end (non-streaming answers).</summary>
    public Task<ChoiceResult[]> CollectAsync() => Task.WhenAll(_choices.Select(CollectAsync));

    /// <summary>The deltas of all choices as they come, interleaved (streaming answers).</summary>
    public IAsyncEnumerable<(Choice Choice, TextDelta Delta)> StreamAsync(CancellationToken cancellationToken = default) =>
        _choices.Count == 1 ? StreamOneAsync(_choices[0]) : StreamInterleavedAsync(cancellationToken);

    /// <summary>
    /// The usual case, read straight from the generation: a token the engine already made is taken without waiting,
    /// and each waiting one costs one wake-up instead of two through a merge channel. It needs no token of its own: the
    /// engine sequence is linked to the request's cancellation, which ends this enumeration.
    /// </summary>
    private static async IAsyncEnumerable<(Choice Choice, TextDelta Delta)> StreamOneAsync(Choice choice)
    {
        await foreach (var delta in choice.Generation.ReadAsync())
        {
            yield return (choice, delta);
        }
    }

    private async IAsyncEnumerable<(Choice Choice, TextDelta Delta)> StreamInterleavedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<(Choice, TextDelta)>(new UnboundedChannelOptions { SingleReader = true });
        var pumps = _choices.Select(async choice =>
        {
            await foreach (var delta in choice.Generation.ReadAsync())
            {
                await channel.Writer.WriteAsync((choice, delta), CancellationToken.None);
            }
        });
        _ = Task.WhenAll(pumps).ContinueWith(
            t => channel.Writer.TryComplete(t.Exception?.InnerException),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
        {
            yield return item;
        }
    }

    public void Dispose()
    {
        _cancel.Cancel();
        _cancel.Dispose();
    }

    private static async Task<ChoiceResult> CollectAsync(Choice choice)
    {
        var text = new System.Text.StringBuilder();
        var tokens = new List<GeneratedToken>();
        var finish = FinishReason.Length;
        await foreach (var delta in choice.Generation.ReadAsync())
        {
            text.Append(delta.Text);
            tokens.AddRange(delta.Tokens);
            finish = delta.Finish ?? finish;
        }

        return new ChoiceResult(choice, text.ToString(), tokens, finish);
    }
}

public sealed record Choice(int Index, int PromptIndex, TextGeneration Generation);

public sealed record ChoiceResult(Choice Choice, string Text, IReadOnlyList<GeneratedToken> Tokens, FinishReason Finish);
