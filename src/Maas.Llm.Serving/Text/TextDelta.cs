namespace Maas.Llm.Serving.Text;

/// <summary>
/// A piece of one choice's output: new text (complete characters only, stop strings removed), the tokens produced
/// since the previous piece (they may outnumber the text: a character split over tokens, a held stop-string prefix),
/// and the finish reason on the last piece.
/// </summary>
public sealed record TextDelta(string Text, IReadOnlyList<GeneratedToken> Tokens, FinishReason? Finish);
