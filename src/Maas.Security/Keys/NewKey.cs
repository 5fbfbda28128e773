using Maas.Security.Limits;

namespace Maas.Security.Keys;

/// <summary>A key to create. <paramref name="ModelPatterns"/> empty means every model.</summary>
public sealed record NewKey(
    string Name,
    IReadOnlyList<Scope> Scopes,
    IReadOnlyList<string> ModelPatterns,
    DateTimeOffset? Expires,
    KeyLimits? Limits);
