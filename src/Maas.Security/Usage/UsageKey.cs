namespace Maas.Security.Usage;

/// <summary>The aggregation key: one row per key, model and UTC day.</summary>
internal readonly record struct UsageKey(string KeyId, string Model, DateOnly Day);
