namespace Maas.Llm.Models;

/// <summary>One sequence's share of a forward pass: how many tokens its cache already holds, and the new tokens to feed.</summary>
internal readonly record struct StepRow(int PastLength, ArraySegment<int> Tokens);
