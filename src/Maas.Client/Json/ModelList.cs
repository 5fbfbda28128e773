namespace Maas.Client.Json;

/// <summary>The envelope of <c>GET /api/models</c>.</summary>
internal sealed record ModelList
{
    public IReadOnlyList<ModelInfo> Models { get; init; } = [];
}
