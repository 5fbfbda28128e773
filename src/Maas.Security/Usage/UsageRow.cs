namespace Maas.Security.Usage;

/// <summary>Usage of one key on one model during one UTC day.</summary>
public sealed record UsageRow(
    string KeyId,
    string Model,
    DateOnly Day,
    long Requests,
    long InputTokens,
    long OutputTokens,
    long Images,
    long ComputeMilliseconds);
