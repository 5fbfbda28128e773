using Maas.Tokenizers;

namespace Maas.Llm.Serving.Text;

/// <summary>
/// One choice in flight: the engine's token stream turned into text deltas. Admission already happened when this was
/// created; reading it to the end (or abandoning it early) releases the sequence's cache.
/// </summary>
public sealed class TextGeneration
{
    private readonly IAsyncEnumerable<GeneratedToken> _tokens;
    private readonly StreamingDecoder _decoder;
    private readonly StopStringMatcher _stops;

    internal TextGeneration(IAsyncEnumerable<GeneratedToken> tokens, StreamingDecoder decoder, IReadOnlyList<string> stops)
    {
        _tokens = tokens;
        _decoder = decoder;
        _stops = new StopStringMatcher(stops);
    }

    /// <summary>Tokens generated so far (the eos token included, as in vLLM's usage counts).</summary>
    public int CompletionTokens { get; private set; }

    /// <summary>The deltas; the last one has <see cref="TextDelta.Finish"/> set. Enumerate once.</summary>
    public async IAsyncEnumerable<TextDelta> ReadAsync()
    {
        var tokens = new List<GeneratedToken>();
        await foreach (var token in _tokens.ConfigureAwait(false))
        {
            CompletionTokens++;
            tokens.Add(token);
            var text = _decoder.Append(token.Id);
            if (token.Finish is not null)
            {
                text += _decoder.Flush();
            }

            var emit = _stops.Push(text, out var stopped);
            if (stopped)
            {
                // Leaving the enumeration ends the engine sequence and frees its cache at once.
                yield return new TextDelta(emit, tokens, FinishReason.Stop);
                yield break;
            }

            if (token.Finish is { } finish)
            {
                yield return new TextDelta(emit + _stops.Flush(), tokens, finish);
                yield break;
            }

            if (emit.Length > 0)
            {
                yield return new TextDelta(emit, tokens, null);
                tokens = [];
            }
        }
    }
}
