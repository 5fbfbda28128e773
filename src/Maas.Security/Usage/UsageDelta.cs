namespace Maas.Security.Usage;

/// <summary>What one call used; a value type so recording allocates nothing.</summary>
public readonly record struct UsageDelta(
    long Requests = 0,
    long InputTokens = 0,
    long OutputTokens = 0,
    long Images = 0,
    long ComputeMilliseconds = 0)
{
    internal bool IsZero => this == default;

    internal UsageDelta Plus(UsageDelta other) => new(
        Requests + other.Requests,
        InputTokens + other.InputTokens,
        OutputTokens + other.OutputTokens,
        Images + other.Images,
        ComputeMilliseconds + other.ComputeMilliseconds);
}
