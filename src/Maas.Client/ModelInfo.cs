namespace Maas.Client;

/// <summary>The model document: a name, its aliases (alias → version) and every version.</summary>
public sealed record ModelInfo
{
    public required string Name { get; init; }

    public DateTimeOffset Created { get; init; }

    public IReadOnlyDictionary<string, int> Aliases { get; init; } = new Dictionary<string, int>();

    public IReadOnlyList<ModelVersionInfo> Versions { get; init; } = [];

    /// <summary>The version with the highest number, or null for a model with no versions left.</summary>
    public ModelVersionInfo? GetLatestVersion() => Versions.Count == 0 ? null : Versions.MaxBy(v => v.Version);
}
